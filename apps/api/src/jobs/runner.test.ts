import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createDatabase } from '@mutirao/db';
import { createTestHub, type TestHub } from '../../../../tests/fixtures/harness';
import { defineJobKind } from './job-kind';
import { createJobRunner, type JobRunner } from './runner';

const silent = pino({ level: 'silent' });
let t: TestHub;
let seq = 0;
/** A kind of its own per test, so tests never see each other's jobs. */
const kindFor = <P>(options: Parameters<typeof defineJobKind<P>>[1]) => defineJobKind<P>(`test.k${seq++}`, options);
const until = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
};

beforeAll(async () => {
  t = await createTestHub();
});

afterAll(async () => {
  await t?.close();
});

describe('job runner', () => {
  it('runs a committed job in the background, once, and never a rolled-back one', async () => {
    const kind = kindFor<{ n: number }>({ describe: (p) => `n=${p.n}` });
    const seen: number[] = [];
    const runner = createJobRunner({ database: t.hub.database, log: silent });
    runner.handle(kind, async (p) => void seen.push(p.n));
    await runner.start();
    try {
      await t.hub.db.transaction((tx) => runner.enqueue(tx, kind, { n: 1 }));
      await expect(
        t.hub.db.transaction(async (tx) => {
          await runner.enqueue(tx, kind, { n: 2 });
          throw new Error('the change failed');
        })
      ).rejects.toThrow('the change failed');
      await until(() => seen.length > 0);
      // Give a wrongly kept job time to show up too.
      await new Promise((r) => setTimeout(r, 300));
      expect(await runner.drain()).toEqual({ done: 0, failed: 0 });
      expect(seen).toEqual([1]);
    } finally {
      await runner.close();
    }
  });

  it('retries a failing job with growing delays, then keeps it as failed for admins, who can retry it', async () => {
    const kind = kindFor<{ to: string }>({ describe: (p) => `mail → ${p.to}`, retryLimit: 1, retryDelaySeconds: 1 });
    let attempts = 0;
    let healthy = false;
    const runner = createJobRunner({ database: t.hub.database, log: silent });
    runner.handle(kind, async () => {
      attempts++;
      if (!healthy) throw new Error('connect ECONNREFUSED 127.0.0.1:587');
    });
    await runner.start({ work: false });
    try {
      await t.hub.db.transaction((tx) => runner.enqueue(tx, kind, { to: 'ana@example.org' }));
      expect(await runner.drain()).toEqual({ done: 0, failed: 1 });
      // Backing off: not due again at once.
      expect(await runner.drain()).toEqual({ done: 0, failed: 0 });
      expect(attempts).toBe(1);
      await until(async () => (await runner.drain()).failed > 0, 5000);
      expect(attempts).toBe(2);

      const { items, total } = await runner.listFailed({ page: 1, pageSize: 50 });
      const failed = items.filter((j) => j.kind === kind.name);
      expect(failed).toHaveLength(1);
      expect(total).toBeGreaterThanOrEqual(1);
      expect(failed[0]).toMatchObject({ summary: 'mail → ana@example.org', attempts: 2, error: 'connect ECONNREFUSED 127.0.0.1:587' });
      expect(failed[0].failedAt.getTime()).toBeGreaterThanOrEqual(failed[0].createdAt.getTime());

      // Failed for good: nothing runs it again by itself.
      expect(await runner.drain()).toEqual({ done: 0, failed: 0 });
      healthy = true;
      expect(await runner.retry(failed[0].id)).toBe(true);
      expect(await runner.drain()).toEqual({ done: 1, failed: 0 });
      expect(attempts).toBe(3);
      expect((await runner.listFailed({ page: 1, pageSize: 50 })).items.some((j) => j.id === failed[0].id)).toBe(false);
      // Once it has run, there is nothing left to retry.
      expect(await runner.retry(failed[0].id)).toBe(false);
      expect(await runner.retry('not-a-uuid')).toBe(false);
    } finally {
      await runner.close();
    }
  });

  it('lets two runners work one queue side by side without running a job twice', async () => {
    const kind = kindFor<{ i: number }>({ describe: (p) => String(p.i) });
    const runs = new Map<number, number>();
    const runners: JobRunner[] = [0, 1].map(() => createJobRunner({ database: t.hub.database, log: silent, batchSize: 3 }));
    for (const runner of runners) {
      runner.handle(kind, async ({ i }) => {
        // A little I/O, so the two runners' rounds interleave.
        await new Promise((r) => setTimeout(r, 2));
        runs.set(i, (runs.get(i) ?? 0) + 1);
      });
      await runner.start({ work: false });
    }
    try {
      await t.hub.db.transaction(async (tx) => {
        for (let i = 0; i < 40; i++) await runners[0].enqueue(tx, kind, { i });
      });
      const results = await Promise.all(runners.map((r) => r.drain()));
      expect(results.reduce((n, r) => n + r.done, 0)).toBe(40);
      expect(results.every((r) => r.done > 0)).toBe(true);
      expect([...runs.keys()].sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    } finally {
      for (const runner of runners) await runner.close();
    }
  });

  it('refuses a kind that has no handler, so a job is never enqueued for nobody', async () => {
    const kind = kindFor<object>({ describe: () => '' });
    await expect(t.hub.db.transaction((tx) => t.hub.jobs.enqueue(tx, kind, {}))).rejects.toThrow(/no handler/);
  });
});

describe('job runner across a restart', () => {
  it('keeps a job that was enqueued but not run when the process stopped, and runs it after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mutirao-jobs-'));
    const kind = defineJobKind<{ note: string }>('test.restart', { describe: (p) => p.note });
    try {
      let database = await createDatabase({ pgliteDir: join(dir, 'pglite') });
      await database.migrate();
      let runner = createJobRunner({ database, log: silent });
      runner.handle(kind, async () => {
        throw new Error('this process must not run it');
      });
      await runner.start({ work: false });
      await database.db.transaction((tx) => runner.enqueue(tx, kind, { note: 'survives' }));
      await runner.close();
      await database.close();

      database = await createDatabase({ pgliteDir: join(dir, 'pglite') });
      const seen: string[] = [];
      runner = createJobRunner({ database, log: silent });
      runner.handle(kind, async (p) => void seen.push(p.note));
      await runner.start();
      await until(() => seen.length > 0);
      await runner.close();
      await database.close();
      expect(seen).toEqual(['survives']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
