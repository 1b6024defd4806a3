import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '@mutirao/search';

/**
 * The compiled server (scripts/build-server.mjs), run as production runs it: plain
 * `node server.js`, no tsx. It starts on embedded defaults, which is what proves the
 * paths computed from `import.meta.url` survive bundling: PGlite needs the migrations
 * folder next to db/client.ts, and the embedded Meilisearch is found through
 * packages/search's own dependencies.
 *
 * The bundles go under apps/api/node_modules/.cache, so their external imports resolve
 * from apps/api/node_modules exactly as apps/api/dist's do, without touching apps/api/dist.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = join(root, 'apps/api/node_modules/.cache', `compiled-server-test-${process.pid}`);

let dataDir: string;
let built: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mutirao-compiled-'));
  built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--outdir', outdir], { cwd: root, encoding: 'utf8' });
});

afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

function childrenOf(pid: number): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid ? [readFileSync(`/proc/${entry}/comm`, 'utf8').trim()] : [];
      } catch {
        return [];
      }
    });
}

function mailTo(address: string): boolean {
  const dir = join(dataDir, 'mail');
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => readFileSync(join(dir, name), 'utf8').includes(address));
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the compiled server', () => {
  it('bundles the workspace packages and leaves only declared dependencies external', () => {
    expect(built.status, String(built.stderr)).toBe(0);
    for (const file of ['server.js', 'hub.js', 'server.js.map', 'hub.js.map']) expect(existsSync(join(outdir, file))).toBe(true);
    const info = JSON.parse(readFileSync(join(outdir, 'build-info.json'), 'utf8')) as { externals: string[]; inputs: string[] };
    expect(info.externals.filter((name) => name.startsWith('@mutirao/'))).toEqual([]);
    expect(info.externals).toEqual(expect.arrayContaining(['fastify', '@electric-sql/pglite', 'meilisearch']));
    // The sources of every workspace package went in, the registry's domains included.
    const inputs = info.inputs.map((path) => path.slice(root.length));
    for (const source of ['apps/api/src/server.ts', 'apps/api/src/modules/index.ts', 'db/client.ts', 'packages/search/src/embedded.ts', 'packages/shared/src/index.ts']) {
      expect(inputs).toContain(source);
    }
    const server = readFileSync(join(outdir, 'server.js'), 'utf8');
    expect(server).not.toMatch(/from ["']@mutirao\//);
  });

  it('starts on embedded defaults in production mode, serves, signs up and stops cleanly on SIGTERM', { timeout: 180_000 }, async () => {
    expect(built.status).toBe(0);
    const port = await freeLoopbackPort();
    const origin = `http://localhost:${port}`;
    // Only what the hub needs: no DATABASE_URL or MEILI_URL of the test run leaks in.
    const hub = spawn(process.execPath, [join(outdir, 'server.js')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_ORIGIN: origin,
        DATA_DIR: dataDir,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn'
      },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    // Its log (pino writes to stdout) and any crash, to explain a failure.
    let stderr = '';
    for (const stream of [hub.stdout!, hub.stderr!]) stream.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      let health: { status?: string } = {};
      const deadline = Date.now() + 150_000;
      while (health.status !== 'up') {
        if (hub.exitCode !== null) throw new Error(`the compiled server exited with ${hub.exitCode}: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`no healthy answer within 150 s: ${stderr}`);
        health = await fetch(`${origin}/api/health`)
          .then((r) => r.json() as Promise<{ status?: string }>)
          .catch(() => ({}));
        if (health.status !== 'up') await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(health).toMatchObject({ database: 'up', search: 'up', mail: 'up' });

      const signUp = await fetch(`${origin}/api/auth/sign-up`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ana Souza', email: 'ana@example.org', password: 'a long enough passphrase', locale: 'pt', country: 'BR' })
      });
      expect(signUp.status).toBe(202);
      // Without SMTP_URL mail goes to files: the verification mail arrives there.
      await expect.poll(() => mailTo('ana@example.org'), { timeout: 10_000 }).toBe(true);

      // Beside the hub only the embedded Meilisearch runs: no tsx loader, no esbuild service.
      expect(childrenOf(hub.pid!)).toEqual(['meilisearch']);
    } finally {
      hub.kill('SIGTERM');
    }
    const code = await exited(hub);
    expect(code, stderr).toBe(0);
    expect(childrenOf(hub.pid!)).toEqual([]);
  });

  it('runs the CLI bundle against the same data: migrations found, nothing to apply', { timeout: 60_000 }, () => {
    expect(built.status).toBe(0);
    const migrate = spawnSync(process.execPath, [join(outdir, 'hub.js'), 'migrate'], {
      cwd: root,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8'
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('Migrations applied.');
  });
});
