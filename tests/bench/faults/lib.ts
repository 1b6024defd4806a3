import { readdirSync, readFileSync } from 'node:fs';
import autocannon, { type RequestSpec } from 'autocannon';

/** Processes whose command line contains `text` (Linux /proc), such as an embedded Meilisearch's data path. */
export function processesMatching(text: string): Array<{ pid: number; args: string[] }> {
  const found: Array<{ pid: number; args: string[] }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const zombie = stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
      if (!zombie && args.join(' ').includes(text)) found.push({ pid: Number(entry), args });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** What a load run saw, by second: answers by status, and request errors by code. */
export interface Tally {
  statuses: Map<number, number>;
  errors: Map<string, number>;
  latenciesMs: number[];
  /** Per second since the start: [2xx, 503, other non-2xx, errors]. */
  timeline: Array<[number, number, number, number]>;
  requests: number;
}

/**
 * Runs autocannon against `url` with these requests in turn, until `stop()`
 * or `seconds`, keeping every status and error (autocannon's summary merges them).
 */
export function startLoad(options: { url: string; connections: number; seconds: number; requests: RequestSpec[]; timeoutSeconds?: number }) {
  const tally: Tally = { statuses: new Map(), errors: new Map(), latenciesMs: [], timeline: [], requests: 0 };
  const started = Date.now();
  const second = () => {
    const index = Math.floor((Date.now() - started) / 1000);
    while (tally.timeline.length <= index) tally.timeline.push([0, 0, 0, 0]);
    return tally.timeline[index];
  };
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: options.requests,
    timeout: options.timeoutSeconds ?? 10
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    tally.requests++;
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    tally.latenciesMs.push(ms);
    const row = second();
    if (status >= 200 && status < 300) row[0]++;
    else if (status === 503) row[1]++;
    else row[2]++;
  });
  instance.on('reqError', (err: NodeJS.ErrnoException) => {
    tally.requests++;
    const code = err.code ?? err.message ?? 'error';
    tally.errors.set(code, (tally.errors.get(code) ?? 0) + 1);
    second()[3]++;
  });
  return { tally, done: Promise.resolve(instance), stop: () => instance.stop() };
}

export const count = (map: Map<unknown, number>, keep: (key: never) => boolean = () => true) =>
  [...map].filter(([key]) => keep(key as never)).reduce((n, [, v]) => n + v, 0);

export function describeMap(map: Map<unknown, number>): string {
  return map.size === 0 ? 'none' : [...map].map(([k, v]) => `${k}: ${v}`).join(', ');
}

export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
