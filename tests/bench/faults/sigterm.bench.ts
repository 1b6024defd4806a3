import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchmarkRun } from '../lib/benchmark';
import { startHubProcess } from '../../fixtures/hub-process';
import { count, describeMap, percentile, processesMatching, startLoad } from './lib';

/** Errors that mean a request the hub had accepted was lost (a refused connection was never accepted). */
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'socket hang up', 'request timed out']);

/**
 * SIGTERM to a hub on embedded defaults (PGlite, its own Meilisearch) in the
 * middle of autocannon load: every request it accepted must still be answered
 * 2xx, it must exit 0 within 10 s, and no Meilisearch may be left running.
 */
export const runSigtermBenchmark: BenchmarkRun = async (settings) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mutirao-sigterm-'));
  try {
    console.log('  starting a hub on embedded defaults with the demo content…');
    const hub = await startHubProcess({ DATA_DIR: dataDir, SEED_DEMO: 'true' }, {
      args: ['--api-only'],
      startTimeoutMs: 180_000
    });
    const meiliBefore = processesMatching(`--db-path ${join(dataDir, 'meili')}`).length;
    const seconds = Math.max(settings.seconds, 6);
    const load = startLoad({
      url: hub.url,
      connections: settings.connections,
      seconds,
      requests: [
        { method: 'GET', path: '/api/organisations/newest' },
        { method: 'GET', path: '/api/organisations?q=vivienda' },
        { method: 'GET', path: '/api/organisations/newest?limit=12' },
        { method: 'GET', path: '/api/health' }
      ]
    });
    const warm = Math.min(3, seconds / 2);
    await new Promise((resolve) => setTimeout(resolve, warm * 1000));
    const answeredBefore = load.tally.requests;
    console.log(`  ${answeredBefore} requests answered in ${warm} s; sending SIGTERM`);
    const exit = await hub.stop(15_000);
    await load.done;

    // Give the child a moment to be reaped before looking for leftovers.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const meiliAfter = processesMatching(`--db-path ${join(dataDir, 'meili')}`).length;
    const { tally } = load;
    const ok = count(tally.statuses, (s: number) => s >= 200 && s < 300);
    const failedAnswers = count(tally.statuses, (s: number) => s < 200 || s >= 300);
    const lost = count(tally.errors, (code: string) => LOST.has(code));
    const refused = count(tally.errors, (code: string) => code === 'ECONNREFUSED');

    console.log(`  requests answered 2xx:            ${ok}`);
    console.log(`  answered otherwise:               ${failedAnswers} (${describeMap(tally.statuses)})`);
    console.log(`  accepted, then lost (reset/timeout): ${lost}`);
    console.log(`  refused after the listener closed: ${refused} (not accepted; a balancer retries these elsewhere)`);
    console.log(`  other request errors:             ${describeMap(new Map([...tally.errors].filter(([code]) => !LOST.has(code) && code !== 'ECONNREFUSED')))}`);
    console.log(`  latency p50 ${percentile(tally.latenciesMs, 0.5)} ms, p99 ${percentile(tally.latenciesMs, 0.99)} ms`);
    console.log(`  exit code ${exit.code ?? exit.signal} after ${exit.ms} ms`);
    console.log(`  embedded Meilisearch processes: ${meiliBefore} before, ${meiliAfter} after`);

    const otherErrors = count(tally.errors, (code: string) => !LOST.has(code) && code !== 'ECONNREFUSED');
    const targetMet = failedAnswers === 0 && lost === 0 && otherErrors === 0 && exit.code === 0 && exit.ms < 10_000 && meiliBefore === 1 && meiliAfter === 0;
    console.log(`  target (no accepted request fails, exit 0 within 10 s, no Meilisearch left): ${targetMet ? 'met' : 'MISSED'}`);
    if (!targetMet) console.log(hub.output().slice(-3000));
    return { targetMet };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};
