/**
 * `pnpm bench idle-memory`: the hub's memory at idle, run as TypeScript through tsx
 * (`node --import tsx apps/api/src/server.ts`, how production ran before) and as the
 * compiled bundle (`node --enable-source-maps apps/api/dist/server.js`, how it runs now).
 *
 * Two configurations: `embedded` (PGlite and Meilisearch in a fresh data folder, demo
 * content seeded: a first `pnpm start`) and `postgres` (a fresh database on the Postgres
 * server, DATABASE_URL or the local test server, no demo content: the image's set-up,
 * with the embedded Meilisearch standing in for the compose file's). Each run waits until
 * /api/health answers, opens two pages, waits IDLE_SECONDS, then reads VmRSS and VmHWM
 * from /proc for the hub and for each process it started (the embedded Meilisearch;
 * under tsx also esbuild's service, with tsx's cache off as in a new container). Runs go tsx,
 * compiled, compiled, tsx, so drift on a shared machine weighs on both alike.
 * Target: the compiled hub has no esbuild process and a smaller RSS in both.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { BenchmarkRun } from './lib/benchmark';
import { freshDatabase, serverUrl } from './lib/database';

const IDLE_SECONDS = 20;
const root = fileURLToPath(new URL('../..', import.meta.url));

type Mode = 'tsx' | 'compiled';
type Setup = 'embedded' | 'postgres';
const BENCH_DATABASE = 'mutirao_bench_idle_memory';
const commands: Record<Mode, string[]> = {
  tsx: ['--import', 'tsx', 'apps/api/src/server.ts'],
  compiled: ['--enable-source-maps', 'apps/api/dist/server.js']
};

interface Sample {
  setup: Setup;
  mode: Mode;
  startSeconds: number;
  /** kB, by process: `hub`, `meilisearch`, `esbuild`, or another command name. */
  rssKb: Record<string, number>;
  peakKb: Record<string, number>;
}

export const runIdleMemoryBench: BenchmarkRun = async () => {
  if (!existsSync(join(root, 'apps/web/build/handler.js'))) throw new Error('apps/web/build is missing: run `pnpm build` first');
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the server build failed');

  const samples: Sample[] = [];
  for (const setup of ['embedded', 'postgres'] as const) {
    for (const mode of ['tsx', 'compiled', 'compiled', 'tsx'] as const) {
      const sample = await measure(setup, mode);
      samples.push(sample);
      console.log(
        `  ${setup.padEnd(9)} ${mode.padEnd(9)} healthy after ${sample.startSeconds.toFixed(1)} s; RSS ` +
          Object.entries(sample.rssKb)
            .map(([name, kb]) => `${name} ${mb(kb)}`)
            .join(', ')
      );
    }
  }

  const mean = (setup: Setup, mode: Mode, name: string, field: 'rssKb' | 'peakKb') => {
    const values = samples.filter((s) => s.setup === setup && s.mode === mode).map((s) => s[field][name] ?? 0);
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.rssKb)))];
  console.log(`\n  Mean of two runs each, ${IDLE_SECONDS} s after the first pages:`);
  console.log(`  ${'setup'.padEnd(10)}${'process'.padEnd(13)}${'tsx RSS'.padStart(10)}${'compiled'.padStart(10)}${'tsx peak'.padStart(10)}${'compiled'.padStart(10)}`);
  let smaller = true;
  for (const setup of ['embedded', 'postgres'] as const) {
    for (const name of names) {
      console.log(
        `  ${setup.padEnd(10)}${name.padEnd(13)}` +
          `${mb(mean(setup, 'tsx', name, 'rssKb')).padStart(10)}${mb(mean(setup, 'compiled', name, 'rssKb')).padStart(10)}` +
          `${mb(mean(setup, 'tsx', name, 'peakKb')).padStart(10)}${mb(mean(setup, 'compiled', name, 'peakKb')).padStart(10)}`
      );
    }
    if (mean(setup, 'compiled', 'hub', 'rssKb') >= mean(setup, 'tsx', 'hub', 'rssKb')) smaller = false;
  }
  const noEsbuild = samples.filter((s) => s.mode === 'compiled').every((s) => !('esbuild' in s.rssKb));
  console.log(`\n  compiled: no esbuild process ${noEsbuild ? 'yes' : 'NO'}; smaller hub RSS ${smaller ? 'yes' : 'NO'}`);
  return { targetMet: noEsbuild && smaller };
};

async function measure(setup: Setup, mode: Mode): Promise<Sample> {
  const dataDir = await mkdtemp(join(tmpdir(), `mutirao-bench-memory-${mode}-`));
  const database: Record<string, string> = {};
  if (setup === 'postgres') {
    const fresh = await freshDatabase(BENCH_DATABASE);
    await fresh.database.close();
    Object.assign(database, { DATABASE_URL: fresh.url, SEED_DEMO: 'false' });
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // Only what the hub needs, so no DATABASE_URL or MEILI_URL of this shell leaks in.
  const hub = spawn(process.execPath, commands[mode], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: origin,
      LOG_LEVEL: 'warn',
      // As in a new container, where tsx's transform cache (in /tmp) starts empty: tsx then
      // starts esbuild's service, which lives as long as the hub. A warm cache skips it.
      ...(mode === 'tsx' ? { TSX_DISABLE_CACHE: '1' } : {}),
      ...database
    },
    stdio: ['ignore', 'ignore', 'inherit']
  });
  try {
    await waitForHealth(origin, hub);
    const startSeconds = (performance.now() - started) / 1000;
    for (const path of ['/', '/organisations']) {
      const response = await fetch(`${origin}${path}`);
      if (response.status !== 200) throw new Error(`${mode}: GET ${path} answered ${response.status}`);
      await response.arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const rssKb: Record<string, number> = {};
    const peakKb: Record<string, number> = {};
    for (const { pid, name } of [{ pid: hub.pid!, name: 'hub' }, ...descendants(hub.pid!)]) {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rssKb[name] = (rssKb[name] ?? 0) + statusField(status, 'VmRSS');
      peakKb[name] = (peakKb[name] ?? 0) + statusField(status, 'VmHWM');
    }
    return { setup, mode, startSeconds, rssKb, peakKb };
  } finally {
    await stop(hub);
    await rm(dataDir, { recursive: true, force: true });
    if (setup === 'postgres') await dropBenchDatabase();
  }
}

/** Every process below `pid`, named by its command (`esbuild`, `meilisearch`…). */
function descendants(pid: number): { pid: number; name: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name sits in parentheses and may contain spaces: the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: { pid: number; name: string }[] = [];
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      const name = readFileSync(`/proc/${child}/comm`, 'utf8').trim();
      found.push({ pid: child, name });
      visit(child);
    }
  };
  visit(pid);
  return found;
}

function statusField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

function mb(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`;
}

async function waitForHealth(origin: string, hub: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (hub.exitCode !== null) throw new Error(`the hub exited during start-up (code ${hub.exitCode})`);
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${origin}/api/health did not answer 200 within 180 s`);
}

async function stop(hub: ChildProcess): Promise<void> {
  if (hub.exitCode !== null || hub.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => hub.once('exit', () => resolve()));
  hub.kill('SIGTERM');
  const timer = setTimeout(() => hub.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function dropBenchDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
  } finally {
    await admin.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
