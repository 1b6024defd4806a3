import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { AdvisoryLock, createDatabase } from './client';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the embedded database', () => {
  it('refuses a second opener while the first holds it, and opens again once closed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mutirao-pglite-'));
    dirs.push(dir);
    const pgliteDir = join(dir, 'pglite');
    const first = await createDatabase({ pgliteDir });
    await first.migrate();
    // The lock names a live process (the test runner's parent), as a running hub would.
    await writeFile(`${pgliteDir}.lock`, `${process.ppid}\n`);
    await expect(createDatabase({ pgliteDir })).rejects.toThrow(/in use by another process.*DATABASE_URL/s);
    await first.close();

    const second = await createDatabase({ pgliteDir });
    await second.ping();
    await second.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mutirao-pglite-'));
    dirs.push(dir);
    const pgliteDir = join(dir, 'pglite');
    await writeFile(`${pgliteDir}.lock`, '999999999\n');
    const database = await createDatabase({ pgliteDir });
    await database.ping();
    await database.close();
  });
});

describe('advisory locks', () => {
  it('lets shared holders run side by side, and keeps them out while an exclusive one holds or waits', async () => {
    // eslint-disable-next-line no-restricted-properties -- like the harness, the test picks its database server
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      // PGlite is one process's database: the lock never stands in the way.
      const database = await createDatabase({ pgliteDir: 'memory://' });
      expect(await database.withAdvisoryLock(AdvisoryLock.searchIndexes, { shared: false, wait: false }, async () => 'ran')).toEqual({ acquired: true, value: 'ran' });
      await database.close();
      return;
    }
    // Two Database objects on one server: two processes, as far as Postgres can tell.
    const [a, b, c] = [
      await createDatabase({ url: serverUrl, poolSize: 1 }),
      await createDatabase({ url: serverUrl, poolSize: 1 }),
      await createDatabase({ url: serverUrl, poolSize: 1 })
    ];
    const key = 7_299_000 + (process.pid % 1000);
    const watcher = new pg.Client({ connectionString: serverUrl });
    await watcher.connect();
    /** Waits until Postgres shows the lock requests (not timers: a loaded machine is slow). */
    const until = async (condition: string) => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await watcher.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = $1 and ${condition}`, [key]);
        if (rows[0].n > 0) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no advisory lock ${condition}`);
    };
    try {
      const shared = { shared: true, wait: false };
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const heldNow = new Promise<void>((resolve) => (holding = resolve));
      const workerRound = a.withAdvisoryLock(key, shared, () => {
        holding();
        return held;
      });
      await heldNow;
      expect(await b.withAdvisoryLock(key, shared, async () => 'beside')).toEqual({ acquired: true, value: 'beside' });

      // The exclusive holder waits for the shared round to end…
      let rebuilt = false;
      const rebuild = b.withAdvisoryLock(key, { shared: false, wait: true }, async () => {
        rebuilt = true;
        await new Promise((r) => setTimeout(r, 100));
      });
      await until('not granted');
      expect(rebuilt).toBe(false);
      // …and while it waits or holds, new shared rounds give up at once.
      expect(await c.withAdvisoryLock(key, shared, async () => 'late')).toEqual({ acquired: false });
      release();
      await workerRound;
      await rebuild;
      expect(rebuilt).toBe(true);
      expect(await c.withAdvisoryLock(key, shared, async () => 'after')).toEqual({ acquired: true, value: 'after' });
    } finally {
      await watcher.end();
      await a.close();
      await b.close();
      await c.close();
    }
  });
});
