import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../fixtures/hub-process';

/**
 * `pnpm hub backup` of a hub on embedded defaults (PGlite, its own Meilisearch),
 * `pnpm hub restore` into a fresh data directory, and a hub started there
 * serves the same organisations, people, logos and search results.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64'
);
const dirs: string[] = [];
const hubs: HubProcess[] = [];

afterAll(async () => {
  for (const hub of hubs) hub.kill();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(name: string) {
  const dir = await mkdtemp(join(tmpdir(), `mutirao-${name}-`));
  dirs.push(dir);
  return dir;
}

const baseEnv = { NODE_ENV: 'test', AUTH_RATE_LIMIT: '100000' };

async function cli(dataDir: string, args: string[]): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/cli/hub.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...baseEnv, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, output };
}

async function signIn(hub: HubProcess, email: string, password: string): Promise<string> {
  const response = await fetch(`${hub.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { origin: hub.url, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password })
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.headers.getSetCookie()[0].split(';')[0];
}

async function snapshot(hub: HubProcess, cookie: string) {
  const get = async (path: string) => {
    const response = await fetch(`${hub.url}${path}`, { headers: { cookie } });
    expect(response.status, path).toBe(200);
    return response;
  };
  const strip = ({ processingTimeMs: _, ...rest }: Record<string, unknown>) => rest;
  const directory = (await (await get('/api/organisations?pageSize=50')).json()) as { items: Array<{ slug: string; logoUrl: string | null }> };
  const searches = [];
  for (const q of ['vivienda', 'moradia', 'habitat&country=BR', 'Brasil']) searches.push(strip(await (await get(`/api/organisations?q=${q}`)).json()));
  const profiles = [];
  const logos = [];
  for (const item of directory.items) {
    profiles.push(await (await get(`/api/organisations/${item.slug}`)).json());
    if (item.logoUrl) logos.push(Buffer.from(await (await get(item.logoUrl)).arrayBuffer()).toString('base64'));
  }
  const mine = await (await get('/api/me')).json();
  return { directory: strip(directory as unknown as Record<string, unknown>), searches, profiles, logos, mine };
}

describe('pnpm hub backup and restore on embedded defaults', () => {
  it('restores a backup into a fresh data directory, and a hub there serves the same content', async () => {
    const source = await tempDir('backup-source');
    const target = await tempDir('backup-target');
    const archive = join(await tempDir('backup-file'), 'hub.tar.gz');

    const first = await startHubProcess({ ...baseEnv, DATA_DIR: source, SEED_DEMO: 'true' }, { args: ['--api-only'], startTimeoutMs: 180_000 });
    hubs.push(first);
    const credentials = JSON.parse(await readFile(join(source, 'demo-credentials.json'), 'utf8')) as Array<{ role: string; email: string; password: string }>;
    const coordinator = credentials.find((c) => c.role === 'coordinator')!;
    const cookie = await signIn(first, coordinator.email, coordinator.password);
    const directory = (await (await fetch(`${first.url}/api/organisations?pageSize=1`)).json()) as { items: Array<{ id: string; slug: string }> };
    const form = new FormData();
    form.set('logo', new Blob([TINY_PNG], { type: 'image/png' }), 'logo.png');
    const upload = await fetch(`${first.url}/api/organisations/${directory.items[0].slug}/logo`, {
      method: 'POST',
      headers: { origin: first.url, cookie },
      body: form
    });
    expect(upload.status, await upload.clone().text()).toBe(200);
    // The directory shows the logo once the outbox worker has sent the change.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const page = (await (await fetch(`${first.url}/api/organisations?pageSize=1`)).json()) as { items: Array<{ logoUrl: string | null }> };
      if (page.items[0].logoUrl) break;
      if (Date.now() > deadline) throw new Error('the logo change never reached the directory');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = await snapshot(first, cookie);
    expect(before.logos).toHaveLength(1);
    expect(before.profiles.length).toBeGreaterThan(20);
    expect((await first.stop()).code).toBe(0);

    const backup = await cli(source, ['backup', archive]);
    expect(backup.code, backup.output).toBe(0);
    // Every stored file: the demo's photos, covers and documents, and the new logo's three sizes.
    const uploaded = (await readdir(join(source, 'uploads'), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
    expect(uploaded).toBeGreaterThan(3);
    expect(backup.output).toMatch(new RegExp(`Backup written to .* rows in \\d+ tables, ${uploaded} uploaded files\\.`));

    const restore = await cli(target, ['restore', archive]);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toMatch(/Search rebuilt: organisations \(\d+\)/);
    // A second restore into the same place is refused rather than mixed in.
    const again = await cli(target, ['restore', archive]);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/not empty/);

    // SEED_DEMO is on: a restored hub is not empty, so nothing is added.
    const second = await startHubProcess({ ...baseEnv, DATA_DIR: target, SEED_DEMO: 'true' }, { args: ['--api-only'], startTimeoutMs: 120_000 });
    hubs.push(second);
    const after = await snapshot(second, await signIn(second, coordinator.email, coordinator.password));
    expect(after).toEqual(before);
    expect((await second.stop()).code).toBe(0);
  });
});
