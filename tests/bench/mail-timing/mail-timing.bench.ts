import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createVerifiedUser } from '../../../apps/api/src/modules/accounts/accounts.service';
import { updateUser } from '../../../apps/api/src/modules/accounts/accounts.repo';
import type { BenchmarkRun } from '../lib/benchmark';
import { freshDatabase, serverUrl } from '../lib/database';
import { startServerProcess, type ServerProcess } from '../lib/servers';

const DATABASE = 'mutirao_bench_mail';
/** Requests per endpoint and per kind of address (registered / unknown), after the warm-up. */
const SAMPLES = 400;
const WARMUP = 50;
const ACCOUNTS = 40;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface Endpoint {
  path: string;
  /** Addresses that would get a mail: verified accounts for a reset, unverified ones for a resend. */
  registered: string[];
}

/**
 * Finding 4 of the hardening issue: answers to password-reset and
 * resend-verification requests must not take longer for a registered address.
 * One request at a time over one keep-alive connection, registered and unknown
 * addresses alternating (ABBA), against the hub running as deployed; prints the
 * medians and interquartile ranges side by side. The target: for each endpoint
 * the two interquartile ranges overlap.
 */
export const runMailTimingBenchmark: BenchmarkRun = async () => {
  const { url, database } = await freshDatabase(DATABASE);
  const verified: string[] = [];
  const unverified: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const password = 'bench password 123';
    const a = await createVerifiedUser({ db: database.db }, { name: `Reset ${i}`, email: `reset-${i}@example.org`, password, role: 'member', locale: 'es', country: 'BR' });
    verified.push(a.email);
    const b = await createVerifiedUser({ db: database.db }, { name: `Pending ${i}`, email: `pending-${i}@example.org`, password, role: 'member', locale: 'pt', country: 'BR' });
    await updateUser(database.db, b.id, { emailVerifiedAt: null });
    unverified.push(b.email);
  }
  await database.close();

  const dataDir = await mkdtemp(join(tmpdir(), 'mutirao-bench-mail-'));
  let server: ServerProcess | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    server = await startServerProcess('Mutirão', here('./hub.server.ts'), { BENCH_DATABASE_URL: url, BENCH_DATA_DIR: dataDir });
    const endpoints: Endpoint[] = [
      { path: '/api/auth/password-reset/request', registered: verified },
      { path: '/api/auth/resend-verification', registered: unverified }
    ];
    let unknownCount = 0;
    const timeOne = async (endpoint: Endpoint, email: string) => {
      const started = performance.now();
      const status = await post(agent, `${server!.url}${endpoint.path}`, { email });
      const ms = performance.now() - started;
      if (status !== 202) throw new Error(`${endpoint.path} answered ${status}`);
      return ms;
    };

    console.log(`  database ${DATABASE} on ${new URL(serverUrl()).host}; ${SAMPLES} requests per column after ${WARMUP} warm-up pairs; one at a time, interleaved ABBA\n`);
    console.log(`  ${'endpoint'.padEnd(36)} ${'registered: median (IQR)'.padEnd(28)} ${'unknown: median (IQR)'.padEnd(28)} overlap`);
    let allOverlap = true;
    for (const endpoint of endpoints) {
      const times = { registered: [] as number[], unknown: [] as number[] };
      for (let i = 0; i < WARMUP + SAMPLES; i++) {
        const registered = endpoint.registered[i % endpoint.registered.length];
        const unknown = `nobody-${unknownCount++}@example.org`;
        // ABBA: each kind goes first half of the time, so warming caches or a busy neighbour favours neither.
        const order = i % 4 === 0 || i % 4 === 3 ? (['registered', 'unknown'] as const) : (['unknown', 'registered'] as const);
        for (const which of order) {
          const ms = await timeOne(endpoint, which === 'registered' ? registered : unknown);
          if (i >= WARMUP) times[which].push(ms);
        }
      }
      const r = quartiles(times.registered);
      const u = quartiles(times.unknown);
      const overlap = r.q1 <= u.q3 && u.q1 <= r.q3;
      allOverlap &&= overlap;
      const cell = (q: Quartiles) => `${q.median.toFixed(2)} ms (${q.q1.toFixed(2)}–${q.q3.toFixed(2)})`.padEnd(28);
      console.log(`  ${endpoint.path.padEnd(36)} ${cell(r)} ${cell(u)} ${overlap ? 'yes' : 'NO'}`);
    }
    console.log(`\n  target: the interquartile ranges overlap for both endpoints: ${allOverlap ? 'MET' : 'NOT MET'}`);
    return { targetMet: allOverlap };
  } finally {
    agent.destroy();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.end();
  }
};

interface Quartiles {
  q1: number;
  median: number;
  q3: number;
}

function quartiles(values: number[]): Quartiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
}

function post(agent: http.Agent, url: string, body: object): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), origin: 'http://127.0.0.1' }
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      }
    );
    request.on('error', reject);
    request.end(payload);
  });
}
