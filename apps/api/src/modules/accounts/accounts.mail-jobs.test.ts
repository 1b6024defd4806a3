import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { emailTokens } from '@mutirao/db';
import { createTestHub, type TestHub } from '../../../../../tests/fixtures/harness';
import { JOBS_SCHEMA } from '../../jobs/runner';

// Jobs run only when drained here, so the test sees what a request did before answering.
let t: TestHub;
beforeAll(async () => {
  t = await createTestHub({}, { workJobs: false });
});
afterAll(async () => {
  await t?.close();
});

async function queuedAccountMails(): Promise<Array<{ purpose: string; email: string }>> {
  const result = await t.hub.db.execute(
    sql`select data from ${sql.identifier(JOBS_SCHEMA)}.job where name = 'accounts.mail' and state = 'created' order by created_on`
  );
  return (result as unknown as { rows: Array<{ data: { purpose: string; email: string } }> }).rows.map((r) => r.data);
}

describe('account mail through the job queue', () => {
  it('answers reset and resend requests after the same single enqueue, whether or not the email is registered', async () => {
    const known = await t.createUser({ email: 'known-person@example.org' });
    const requests: Array<[string, string]> = [
      ['/api/auth/password-reset/request', known.email],
      ['/api/auth/password-reset/request', 'nobody-here@example.org'],
      ['/api/auth/resend-verification', known.email],
      ['/api/auth/resend-verification', 'nobody-here@example.org']
    ];
    const answers = [];
    for (const [url, email] of requests) {
      const response = await t.request({ method: 'POST', url, payload: { email } });
      answers.push({ status: response.statusCode, body: response.body });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].status).toBe(202);

    // Nothing looked the address up yet: no token, no mail, one job per request.
    expect(await t.hub.db.select().from(emailTokens).where(eq(emailTokens.userId, known.id))).toEqual([]);
    expect(await queuedAccountMails()).toEqual([
      { purpose: 'reset_password', email: known.email },
      { purpose: 'reset_password', email: 'nobody-here@example.org' },
      { purpose: 'verify_email', email: known.email },
      { purpose: 'verify_email', email: 'nobody-here@example.org' }
    ]);

    // The jobs decide: one reset mail to the registered (already verified) person, nothing else.
    expect(await t.drainJobs()).toEqual({ done: 4, failed: 0 });
    const mail = await t.mail();
    expect(mail.map((m) => [m.to, m.kind])).toEqual([[known.email, 'reset']]);
    const tokens = await t.hub.db.select().from(emailTokens).where(eq(emailTokens.userId, known.id));
    expect(tokens.map((r) => r.purpose)).toEqual(['reset_password']);
    expect(await queuedAccountMails()).toEqual([]);
  });
});

describe('mail to an account that is deleted before it goes out', () => {
  async function queuedMailTo(address: string): Promise<number> {
    const result = await t.hub.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(JOBS_SCHEMA)}.job where name = 'mail.send' and data->>'to' = ${address}`
    );
    return (result as unknown as { rows: Array<{ n: number }> }).rows[0].n;
  }

  it('is dropped with the account: the person who left receives nothing, and only their queued mail goes', async () => {
    const sender = await t.createUser();
    const leaving = await t.createUser({ password: 'correct horse battery staple' });
    const staying = await t.createUser();
    for (const to of [leaving, staying]) {
      const sent = await t.request({
        method: 'POST',
        url: `/api/people/${to.id}/messages`,
        cookie: sender.cookie,
        payload: { subject: 'Alquiler social en Recife', body: '¿Podemos conversar sobre su experiencia?' }
      });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    expect(await queuedMailTo(leaving.email)).toBe(1);

    const deleted = await t.request({
      method: 'POST',
      url: '/api/me/delete',
      cookie: leaving.cookie,
      payload: { password: 'correct horse battery staple', confirm: true }
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await queuedMailTo(leaving.email)).toBe(0);

    await t.drainJobs();
    const mail = await t.mail();
    expect(mail.filter((m) => m.to === leaving.email)).toEqual([]);
    expect(mail.filter((m) => m.to === staying.email)).toHaveLength(1);
  });
});
