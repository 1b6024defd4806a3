import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { createVerifiedUser } from '../../../apps/api/src/modules/accounts/accounts.service';
import { createSession } from '../../../apps/api/src/auth/sessions.service';
import { sessionCookieName } from '../../../apps/api/src/plugins/sessions';
import type { BenchmarkRun } from '../lib/benchmark';
import { freshDatabase, serverUrl } from '../lib/database';
import { runLoad, summarize, type LoadRun, type LoadSummary } from '../lib/load';
import { startServerProcess, type ServerProcess } from '../lib/servers';

const DATABASE = 'mutirao_bench';
/** The foundation's target: the full hub keeps at least this share of a bare Fastify's throughput. */
const TARGET_RATIO = 0.7;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * GET /api/me with a valid session, on the whole hub (every plugin and hook,
 * schema validation and serialization) and on a bare Fastify route doing the
 * same database work by hand, against the same database in the same run.
 */
export const runMeBenchmark: BenchmarkRun = async (settings) => {
  const { url, database } = await freshDatabase(DATABASE);
  const user = await createVerifiedUser(
    { db: database.db },
    { name: 'Bench Person', email: 'bench@example.org', password: 'bench password 123', role: 'member', locale: 'es', country: 'BR' }
  );
  const { token } = await createSession(database.db, user.id, { ip: '127.0.0.1', userAgent: 'autocannon' });
  await database.close();

  // The full hub runs as in production, so the cookie carries the production name.
  const cookieName = sessionCookieName(true);
  const headers = { cookie: `${cookieName}=${token}` };
  const dataDir = await mkdtemp(join(tmpdir(), 'mutirao-bench-'));
  const servers: ServerProcess[] = [];
  try {
    const ours = await startServerProcess('Mutirão (full app)', here('./ours.server.ts'), {
      BENCH_DATABASE_URL: url,
      BENCH_DATA_DIR: dataDir
    });
    servers.push(ours);
    const bare = await startServerProcess('bare Fastify', here('./bare.server.ts'), {
      BENCH_DATABASE_URL: url,
      BENCH_COOKIE_NAME: cookieName
    });
    servers.push(bare);

    await assertSameAnswers(ours, bare, headers);

    const load = async (server: ServerProcess, seconds: number): Promise<LoadRun> => {
      const cpuBefore = await server.cpuMicros();
      const run = await runLoad({ url: `${server.url}/api/me`, headers, connections: settings.connections, durationSeconds: seconds });
      return { ...run, serverCpuMicros: (await server.cpuMicros()) - cpuBefore };
    };

    console.log(`  warming up (${settings.warmupSeconds} s each)…`);
    await load(ours, settings.warmupSeconds);
    await load(bare, settings.warmupSeconds);

    // ABBA: each target runs early and late, so drift (caches, autovacuum, a busy
    // neighbour) weighs on both alike.
    const half = settings.seconds / 2;
    const runs = new Map<ServerProcess, LoadRun[]>([
      [ours, []],
      [bare, []]
    ]);
    for (const server of [ours, bare, bare, ours]) {
      const run = await load(server, half);
      runs.get(server)!.push(run);
      console.log(`  ${server.name.padEnd(20)} ${(run.ok / run.durationSeconds).toFixed(0).padStart(7)} req/s`);
    }

    const oursSummary = summarize(runs.get(ours)!);
    const bareSummary = summarize(runs.get(bare)!);
    const ratio = oursSummary.perSecond / bareSummary.perSecond;
    const cpuRatio = bareSummary.cpuMicrosPerRequest / oursSummary.cpuMicrosPerRequest;
    const failed = oursSummary.failed + bareSummary.failed;
    const targetMet = ratio >= TARGET_RATIO && failed === 0;

    console.log(
      `\n  GET /api/me, ${settings.connections} connections, ${settings.seconds} s per target ` +
        `(2 × ${half} s, interleaved ABBA, after ${settings.warmupSeconds} s warm-up), database ${DATABASE} on ${new URL(serverUrl()).host}\n`
    );
    console.log(
      `  ${'target'.padEnd(20)} ${'req/s'.padStart(9)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ` +
        `${'requests'.padStart(10)} ${'failed'.padStart(7)} ${'CPU/request'.padStart(12)}`
    );
    printRow(ours.name, oursSummary);
    printRow(bare.name, bareSummary);
    console.log(
      `\n  ours / bare = ${(ratio * 100).toFixed(1)} % of the throughput; target ≥ ${TARGET_RATIO * 100} %: ` +
        `${targetMet ? 'MET' : 'NOT MET'}${failed > 0 ? ` (${failed} failed requests)` : ''}`
    );
    // On a busy machine req/s swings with the neighbours; server CPU per request much less so.
    console.log(`  by server CPU per request, ours works at ${(cpuRatio * 100).toFixed(1)} % of bare's rate`);
    return { targetMet };
  } finally {
    for (const server of servers) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    await dropDatabase(DATABASE);
  }
};

function printRow(name: string, s: LoadSummary) {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `  ${name.padEnd(20)} ${s.perSecond.toFixed(0).padStart(9)} ${ms(s.p50).padStart(9)} ${ms(s.p99).padStart(9)} ` +
      `${String(s.requests).padStart(10)} ${String(s.failed).padStart(7)} ${`${s.cpuMicrosPerRequest.toFixed(0)} µs`.padStart(12)}`
  );
}

/** Both must do the same job: the same user JSON with the session, 401 without. */
async function assertSameAnswers(ours: ServerProcess, bare: ServerProcess, headers: Record<string, string>) {
  const [a, b] = await Promise.all([fetch(`${ours.url}/api/me`, { headers }), fetch(`${bare.url}/api/me`, { headers })]);
  if (a.status !== 200 || b.status !== 200) throw new Error(`GET /api/me answered ${a.status} (ours) and ${b.status} (bare), not 200`);
  const [bodyA, bodyB] = await Promise.all([a.json(), b.json()]);
  if (!isDeepStrictEqual(bodyA, bodyB)) {
    throw new Error(`the two servers answer differently:\n${JSON.stringify(bodyA)}\n${JSON.stringify(bodyB)}`);
  }
  const [anonA, anonB] = await Promise.all([fetch(`${ours.url}/api/me`), fetch(`${bare.url}/api/me`)]);
  if (anonA.status !== 401 || anonB.status !== 401) throw new Error('GET /api/me without a session must answer 401 on both');
}

async function dropDatabase(name: string) {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
