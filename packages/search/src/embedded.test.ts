import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { startThrowawayMeilisearch, type ThrowawayMeilisearch } from '../../../tests/fixtures/meili';
import { startEmbeddedMeilisearch } from './embedded';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
/** Alive and not a zombie waiting for a reaper (the embedded server is linux-only). */
const isRunning = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('embedded Meilisearch', () => {
  let first: ThrowawayMeilisearch | undefined;
  afterAll(async () => {
    await first?.destroy();
  });

  it('starts on loopback behind a generated master key kept with mode 0600', async () => {
    first = await startThrowawayMeilisearch();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.masterKey.length).toBeGreaterThanOrEqual(16);
    expect(statSync(first.keyFile).mode & 0o777).toBe(0o600);

    const anonymous = await fetch(`${first.url}/indexes`);
    expect(anonymous.status).toBe(401);
    const client = new Meilisearch({ host: first.url, apiKey: first.masterKey });
    await client.createIndex('kept', { primaryKey: 'id' }).waitTask();
    expect(isRunning(first.pid)).toBe(true);
  });

  it('stops its process, and a restart reuses the key and the data', async () => {
    if (!first) throw new Error('the previous test did not start Meilisearch');
    const { pid, masterKey } = first;
    await first.stop();
    expect(isRunning(pid)).toBe(false);

    const again = await startEmbeddedMeilisearch({ dataDir: first.dataDir, keyFile: first.keyFile, log: quiet });
    try {
      expect(again.masterKey).toBe(masterKey);
      const client = new Meilisearch({ host: again.url, apiKey: again.masterKey });
      expect((await client.getIndex('kept')).uid).toBe('kept');
    } finally {
      await again.stop();
    }
    expect(isRunning(again.pid)).toBe(false);
  });

  it('explains why when Meilisearch cannot start', async () => {
    if (!first) throw new Error('the first test did not start Meilisearch');
    const running = await startEmbeddedMeilisearch({ dataDir: first.dataDir, keyFile: first.keyFile, log: quiet });
    try {
      // Meilisearch itself would let a second server open the same data and corrupt it.
      await expect(
        startEmbeddedMeilisearch({ dataDir: first.dataDir, keyFile: first.keyFile, log: quiet })
      ).rejects.toThrow(`Another process (pid ${process.pid}) already runs the embedded Meilisearch`);
      // A port that is taken is named, instead of answering health checks for someone else.
      const port = Number(new URL(running.url).port);
      await expect(
        startEmbeddedMeilisearch({ dataDir: `${first.dataDir}-other`, keyFile: first.keyFile, log: quiet, port })
      ).rejects.toThrow(`127.0.0.1:${port} is already in use`);
    } finally {
      await running.stop();
    }
  });

  it('dies with the process that started it, even one killed with SIGKILL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mutirao-orphan-'));
    const module = fileURLToPath(new URL('./embedded.ts', import.meta.url));
    const script = `
      import { startEmbeddedMeilisearch } from ${JSON.stringify(module)};
      const m = await startEmbeddedMeilisearch({ dataDir: ${JSON.stringify(join(dir, 'data'))}, keyFile: ${JSON.stringify(join(dir, 'key'))}, log: { info() {}, warn() {}, error() {} } });
      console.log(JSON.stringify({ pid: m.pid }));
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit']
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
        parent.once('exit', (code) => reject(new Error(`the parent exited early (${code})`)));
      });
      const { pid } = JSON.parse(line) as { pid: number };
      expect(isRunning(pid)).toBe(true);
      parent.kill('SIGKILL');
      const deadline = Date.now() + 5000;
      while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(isRunning(pid)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts Meilisearch again when it dies, on the same address, with its key and data, and not after stop()', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mutirao-restart-'));
    const logged: string[] = [];
    const log = { info: (_: unknown, m?: string) => void logged.push(String(m)), warn: () => {}, error: (_: unknown, m?: string) => void logged.push(String(m)) };
    const meili = await startEmbeddedMeilisearch({ dataDir: join(dir, 'data'), keyFile: join(dir, 'key'), log, restartDelayMs: 100 });
    try {
      const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
      await client.createIndex('survivor', { primaryKey: 'id' }).waitTask();
      const killed = meili.pid;
      process.kill(killed, 'SIGKILL');
      const deadline = Date.now() + 30_000;
      while (meili.restarts < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(meili.restarts).toBe(1);
      expect(meili.pid).not.toBe(killed);
      expect(isRunning(meili.pid)).toBe(true);
      expect(await client.isHealthy()).toBe(true);
      expect((await client.getIndex('survivor')).uid).toBe('survivor');
      expect(logged).toEqual(expect.arrayContaining([expect.stringMatching(/exited unexpectedly/), 'embedded Meilisearch restarted']));
    } finally {
      const last = meili.pid;
      await meili.stop();
      expect(isRunning(last)).toBe(false);
    }
    expect(meili.pid).toBe(-1);
    // Stopped on purpose: nothing comes back.
    await new Promise((r) => setTimeout(r, 400));
    expect(meili.restarts).toBe(1);
    await rm(dir, { recursive: true, force: true });
  });
});
