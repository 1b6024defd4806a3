// autocannon ships no types; this covers what tests/bench uses (see its README › API).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Histogram {
    average: number;
    mean: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    total: number;
  }

  interface Result {
    duration: number;
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }

  interface RequestSpec {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    /** Total requests instead of a duration. */
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    pipelining?: number;
    /** Seconds before a request counts as timed out (default 10). */
    timeout?: number;
    /** Requests sent in turn on each connection. */
    requests?: RequestSpec[];
  }

  interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
  export type { Options, Result, Instance, RequestSpec };
}
