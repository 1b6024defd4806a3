import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadRun {
  durationSeconds: number;
  /** Responses with a 2xx status. */
  ok: number;
  /** Connection errors, timeouts and non-2xx responses: a valid run has none. */
  failed: number;
  /** Every response's latency in milliseconds, for exact percentiles across runs. */
  latenciesMs: number[];
  /** CPU the server process spent during the run (microseconds), when measured. */
  serverCpuMicros?: number;
}

/** Drives `url` with autocannon for a fixed time and keeps every latency. */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  const instance = autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    duration: options.durationSeconds
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latenciesMs.push(responseTime);
  });
  const result = await instance;
  return {
    durationSeconds: result.duration,
    ok: result['2xx'],
    failed: result.errors + result.timeouts + result.non2xx,
    latenciesMs
  };
}

export interface LoadSummary {
  requests: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Server CPU per successful request, in microseconds: less sensitive to a busy machine than req/s. */
  cpuMicrosPerRequest: number;
}

/** Adds runs of the same target together: requests over total time, percentiles over every response. */
export function summarize(runs: LoadRun[]): LoadSummary {
  const latencies = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const requests = runs.reduce((n, r) => n + r.ok, 0);
  const seconds = runs.reduce((n, r) => n + r.durationSeconds, 0);
  return {
    requests,
    failed: runs.reduce((n, r) => n + r.failed, 0),
    seconds,
    perSecond: seconds > 0 ? requests / seconds : 0,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuMicrosPerRequest: requests > 0 ? runs.reduce((n, r) => n + (r.serverCpuMicros ?? Number.NaN), 0) / requests : Number.NaN
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
