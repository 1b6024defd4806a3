import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { defineJobKind } from '../../jobs/job-kind';
import { createJobRunner, type JobRunner } from '../../jobs/runner';

/**
 * A second runner on the hub's database stands in for a process that runs a
 * kind whose work keeps failing (a mail server that refuses, say): its jobs
 * fail for good after one attempt, and the admin API of the hub sees them.
 */
const flaky = defineJobKind<{ to: string }>('test.flaky-mail', { describe: (p) => `flaky → ${p.to}`, retryLimit: 0 });

let t: TestHub;
let worker: JobRunner;
let healthy = false;
const delivered: string[] = [];
let admin: TestUser;
let coordinator: TestUser;
let member: TestUser;

beforeAll(async () => {
  t = await createTestHub();
  worker = createJobRunner({ database: t.hub.database, log: pino({ level: 'silent' }) });
  worker.handle(flaky, async (p) => {
    if (!healthy) throw new Error('550 mailbox unavailable');
    delivered.push(p.to);
  });
  await worker.start({ work: false });
  [admin, coordinator, member] = await Promise.all([
    t.createUser({ role: 'admin' }),
    t.createUser({ role: 'coordinator' }),
    t.createUser({ role: 'member' })
  ]);
});

afterAll(async () => {
  await worker?.close();
  await t?.close();
});

async function failOne(to: string): Promise<string> {
  await t.hub.db.transaction((tx) => worker.enqueue(tx, flaky, { to }));
  expect(await worker.drain()).toEqual({ done: 0, failed: 1 });
  const list = await t.request({ method: 'GET', url: '/api/admin/jobs', cookie: admin.cookie });
  const job = list.json().items.find((j: { summary: string }) => j.summary === flaky.name);
  expect(job).toBeDefined();
  return job.id;
}

describe('failed jobs for admins', () => {
  it('lists failed jobs with their kind, attempts and last error, newest failure first', async () => {
    await failOne('first@example.org');
    await failOne('second@example.org');
    const response = await t.request({ method: 'GET', url: '/api/admin/jobs', cookie: admin.cookie });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ page: 1, pageSize: 25 });
    expect(body.total).toBeGreaterThanOrEqual(2);
    const ours = body.items.filter((j: { kind: string }) => j.kind === flaky.name);
    expect(ours.length).toBeGreaterThanOrEqual(2);
    expect(ours[0]).toMatchObject({ kind: flaky.name, attempts: 1, error: '550 mailbox unavailable' });
    expect(Object.keys(ours[0]).sort()).toEqual(['attempts', 'createdAt', 'error', 'failedAt', 'id', 'kind', 'summary']);
    const failedAt = ours.map((j: { failedAt: string }) => Date.parse(j.failedAt));
    expect(failedAt).toEqual([...failedAt].sort((a, b) => b - a));
  });

  it('describes a job by its kind’s summary where the kind is known, else by the kind; never by its payload', async () => {
    const id = await failOne('described@example.org');
    // The worker knows the kind; the hub's own runner (behind the API) does not.
    const known = (await worker.listFailed({ page: 1, pageSize: 100 })).items.find((j) => j.id === id);
    expect(known?.summary).toBe('flaky → described@example.org');
    const listed = (await t.request({ method: 'GET', url: '/api/admin/jobs', cookie: admin.cookie })).json();
    expect(listed.items.find((j: { id: string }) => j.id === id).summary).toBe(flaky.name);
    expect(JSON.stringify(listed)).not.toContain('described@example.org');
  });

  it('keeps a mail whose server refuses it for a later retry instead of failing it at once', async () => {
    const broken = await createTestHub({ SMTP_URL: 'smtp://127.0.0.1:1' }, { workJobs: false });
    try {
      const { MAIL_SEND } = await import('../../jobs/mail.job');
      await broken.hub.db.transaction((tx) =>
        broken.hub.jobs.enqueue(tx, MAIL_SEND, { to: 'ana@example.org', subject: 'Reset', text: 'https://x/reset?token=abc', kind: 'reset' })
      );
      expect(await broken.drainJobs()).toEqual({ done: 0, failed: 1 });
      const boss = await broken.createUser({ role: 'admin' });
      expect((await broken.request({ method: 'GET', url: '/api/admin/jobs', cookie: boss.cookie })).json().items).toEqual([]);
      // Backing off: not due again at once.
      expect(await broken.drainJobs()).toEqual({ done: 0, failed: 0 });
    } finally {
      await broken.close();
    }
  });

  it('retries a failed job once an admin asks, and it runs again', async () => {
    const id = await failOne('retry-me@example.org');
    healthy = true;
    try {
      const retried = await t.request({ method: 'POST', url: `/api/admin/jobs/${id}/retry`, cookie: admin.cookie });
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toEqual({ id, retried: true });
      const list = (await t.request({ method: 'GET', url: '/api/admin/jobs', cookie: admin.cookie })).json();
      expect(list.items.some((j: { id: string }) => j.id === id)).toBe(false);
      expect((await worker.drain()).done).toBeGreaterThanOrEqual(1);
      expect(delivered).toContain('retry-me@example.org');
      // Done, so there is nothing to retry any more.
      const again = await t.request({ method: 'POST', url: `/api/admin/jobs/${id}/retry`, cookie: admin.cookie });
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe('job_not_found');
    } finally {
      healthy = false;
    }
  });

  it('answers 401 to visitors and 403 to members and coordinators, and a refused retry changes nothing', async () => {
    const id = await failOne('stays-failed@example.org');
    expect((await t.request({ method: 'GET', url: '/api/admin/jobs' })).statusCode).toBe(401);
    for (const who of [member, coordinator]) {
      const list = await t.request({ method: 'GET', url: '/api/admin/jobs', cookie: who.cookie });
      expect(list.statusCode).toBe(403);
      expect(list.headers['content-type']).toContain('application/problem+json');
      const retry = await t.request({ method: 'POST', url: `/api/admin/jobs/${id}/retry`, cookie: who.cookie });
      expect(retry.statusCode).toBe(403);
    }
    expect((await t.request({ method: 'POST', url: `/api/admin/jobs/${id}/retry` })).statusCode).toBe(401);
    const list = (await t.request({ method: 'GET', url: '/api/admin/jobs', cookie: admin.cookie })).json();
    expect(list.items.some((j: { id: string }) => j.id === id)).toBe(true);
    expect((await worker.drain()).done).toBe(0);
  });

  it('refuses a malformed id with 400 and an unknown one with 404', async () => {
    const bad = await t.request({ method: 'POST', url: '/api/admin/jobs/not-a-uuid/retry', cookie: admin.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const unknown = await t.request({ method: 'POST', url: '/api/admin/jobs/00000000-0000-4000-8000-000000000000/retry', cookie: admin.cookie });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('job_not_found');
    const page = await t.request({ method: 'GET', url: '/api/admin/jobs?page=0', cookie: admin.cookie });
    expect(page.statusCode).toBe(400);
  });
});
