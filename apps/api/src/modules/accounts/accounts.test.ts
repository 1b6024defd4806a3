import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { accountMailSends, passwordAttempts, sessions, users } from '@mutirao/db';
import { createTestHub, sessionCookieFrom, type TestHub } from '../../../../../tests/fixtures/harness';
import { passwordVerifications } from '../../auth/passwords';
import { hashToken } from '../../auth/tokens';
import { createVerifiedUser, pruneExpiredAccountLimits } from './accounts.service';

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
});
afterAll(async () => {
  await t?.close();
});

const signUpBody = (email: string) => ({
  name: 'Ana Souza',
  email,
  password: 'a long enough passphrase',
  locale: 'pt',
  country: 'BR',
  organisationName: 'Moradia Viva'
});

async function signUpAndVerify(email: string) {
  const signUp = await t.request({ method: 'POST', url: '/api/auth/sign-up', payload: signUpBody(email) });
  expect(signUp.statusCode).toBe(202);
  const link = await t.linkFromMail(email, '/verify-email');
  const token = new URL(link).searchParams.get('token')!;
  const verify = await t.request({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
  expect(verify.statusCode).toBe(200);
  return token;
}

/** Moves the mail cooldown's record of every mail to `email` back in time, as if minutes had passed. */
async function mailSentMinutesAgo(email: string, minutes: number) {
  await t.hub.db.execute(sql`
    update account_mail_sends
    set sent_at = (select array_agg(s - make_interval(mins => ${minutes}) order by s) from unnest(sent_at) s)
    where email_normalized = ${email.toLowerCase()}`);
}

async function signIn(email: string, password = 'a long enough passphrase', ip = '10.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
    remoteAddress: ip,
    payload: { email, password }
  });
}

describe('sign-up and verification', () => {
  it('mails a verification link in the chosen language; sign-in waits for it', async () => {
    const email = 'ana@example.org';
    const signUp = await t.request({ method: 'POST', url: '/api/auth/sign-up', payload: signUpBody(email) });
    expect(signUp.statusCode).toBe(202);
    const [mail] = await t.mail();
    expect(mail.to).toBe(email);
    expect(mail.subject).toContain('Confirme seu e-mail');

    const early = await signIn(email);
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('email_not_verified');

    const token = new URL(await t.linkFromMail(email, '/verify-email')).searchParams.get('token')!;
    expect((await t.request({ method: 'POST', url: '/api/auth/verify-email', payload: { token } })).statusCode).toBe(200);
    const reused = await t.request({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('invalid_token');

    const ok = await signIn(email);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ email, name: 'Ana Souza', locale: 'pt', country: 'BR', emailVerified: true });
    expect(ok.json().user.passwordHash).toBeUndefined();
  });

  it('answers the same for a registered email and tells its owner by mail instead', async () => {
    const again = await t.request({ method: 'POST', url: '/api/auth/sign-up', payload: signUpBody('ANA@Example.org') });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ status: 'accepted' });
    const [mail] = await t.mail();
    expect(mail.subject).toContain('já tem uma conta');
    const rows = await t.hub.db.select().from(users).where(eq(users.emailNormalized, 'ana@example.org'));
    expect(rows).toHaveLength(1);
  });

  it('resends the verification link, replacing the old one, and only for unverified accounts', async () => {
    const email = 'resend@example.org';
    await t.request({ method: 'POST', url: '/api/auth/sign-up', payload: signUpBody(email) });
    const first = new URL(await t.linkFromMail(email, '/verify-email')).searchParams.get('token')!;
    await mailSentMinutesAgo(email, 6);
    const resend = await t.request({ method: 'POST', url: '/api/auth/resend-verification', payload: { email } });
    expect(resend.statusCode).toBe(202);
    const second = new URL(await t.linkFromMail(email, '/verify-email')).searchParams.get('token')!;
    expect(second).not.toBe(first);
    const stale = await t.request({ method: 'POST', url: '/api/auth/verify-email', payload: { token: first } });
    expect(stale.json().code).toBe('invalid_token');
    expect((await t.request({ method: 'POST', url: '/api/auth/verify-email', payload: { token: second } })).statusCode).toBe(200);

    const before = (await t.mail()).length;
    const verified = await t.request({ method: 'POST', url: '/api/auth/resend-verification', payload: { email } });
    const unknown = await t.request({ method: 'POST', url: '/api/auth/resend-verification', payload: { email: 'ghost@example.org' } });
    expect([verified.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(verified.json()).toEqual(unknown.json());
    expect((await t.mail()).length).toBe(before);
  });

  it('refuses bad input with the failing fields and saves nothing', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { name: '', email: 'not-an-email', password: 'short', locale: 'fr', country: 'BR', admin: true }
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.code).toBe('validation_failed');
    const fields = problem.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.email', 'body.password', 'body.locale', 'body.admin']));
    expect(await t.hub.db.select().from(users).where(eq(users.emailNormalized, 'not-an-email'))).toHaveLength(0);
  });

  it('refuses an unknown country code', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { ...signUpBody('zz@example.org'), country: 'ZZ' }
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([expect.objectContaining({ field: 'body.country', code: 'unknown_country' })]);
    expect(await t.hub.db.select().from(users).where(eq(users.emailNormalized, 'zz@example.org'))).toHaveLength(0);
  });
});

describe('sessions', () => {
  it('stores only the hash of the session secret', async () => {
    await signUpAndVerify('hash@example.org');
    const response = await signIn('hash@example.org');
    const cookie = sessionCookieFrom(response);
    const token = cookie.split('=')[1];
    const [id, secret] = token.split('.');
    expect(secret.length).toBeGreaterThanOrEqual(32); // 20 bytes in base32
    const [row] = await t.hub.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row.secretHash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses a stolen cookie once its session is signed out', async () => {
    await signUpAndVerify('stolen@example.org');
    const cookie = sessionCookieFrom(await signIn('stolen@example.org'));
    expect((await t.request({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/auth/sign-out', cookie })).statusCode).toBe(204);
    const replay = await t.request({ method: 'GET', url: '/api/me', cookie });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('unauthenticated');
  });

  it('refuses a cookie whose secret was tampered with', async () => {
    const user = await t.createUser();
    const [name, value] = user.cookie.split('=');
    const [id] = value.split('.');
    const forged = `${name}=${id}.${'a'.repeat(32)}`;
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: forged })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: user.cookie })).statusCode).toBe(200);
  });

  it('slides the expiry forward when used, up to the absolute limit', async () => {
    const me = await t.createUser();
    const id = me.cookie.split('=')[1].split('.')[0];
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const soon = new Date(Date.now() + 24 * 60 * 60 * 1000);
    await t.hub.db.update(sessions).set({ lastUsedAt: hourAgo, expiresAt: soon }).where(eq(sessions.id, id));
    const used = await t.request({ method: 'GET', url: '/api/me', cookie: me.cookie });
    expect(used.statusCode).toBe(200);
    expect(String(used.headers['set-cookie'])).toMatch(/Expires=/);
    const [row] = await t.hub.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000);

    await t.hub.db.update(sessions).set({ absoluteExpiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id));
    const expired = await t.request({ method: 'GET', url: '/api/me', cookie: me.cookie });
    expect(expired.statusCode).toBe(401);
    expect(await t.hub.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it('lists my sessions and ends one of them, but never another person’s', async () => {
    const me = await t.createUser();
    const other = await t.createUser();
    const second = sessionCookieFrom(await signIn(me.email, me.password));
    const list = await t.request({ method: 'GET', url: '/api/me/sessions', cookie: me.cookie });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: string; current: boolean }>;
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const secondId = second.split('=')[1].split('.')[0];

    const otherSessions = (await t.request({ method: 'GET', url: '/api/me/sessions', cookie: other.cookie })).json().items;
    const foreign = await t.request({ method: 'DELETE', url: `/api/me/sessions/${otherSessions[0].id}`, cookie: me.cookie });
    expect(foreign.statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: other.cookie })).statusCode).toBe(200);

    expect((await t.request({ method: 'DELETE', url: `/api/me/sessions/${secondId}`, cookie: me.cookie })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: second })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: me.cookie })).statusCode).toBe(200);
  });

  it('needs a session for the account’s own /me routes', async () => {
    for (const [method, url] of [
      ['GET', '/api/me'],
      ['PATCH', '/api/me'],
      ['POST', '/api/me/password'],
      ['GET', '/api/me/sessions'],
      ['DELETE', '/api/me/sessions/abc']
    ] as const) {
      const payload = method === 'PATCH' ? { name: 'x' } : method === 'POST' ? { currentPassword: 'x', newPassword: 'y'.repeat(12) } : undefined;
      const response = await t.request({ method, url, payload });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('language at sign-in', () => {
  const signInWith = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
      remoteAddress: '10.0.0.7',
      payload
    });
  const password = 'a long enough passphrase';

  it('saves a language chosen before signing in over the saved one', async () => {
    await signUpAndVerify('lang@example.org'); // signs up in Portuguese
    const response = await signInWith({ email: 'lang@example.org', password, locale: 'en' });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.locale).toBe('en');
    const me = await t.request({ method: 'GET', url: '/api/me', cookie: sessionCookieFrom(response) });
    expect(me.json().user.locale).toBe('en');
    const [row] = await t.hub.db.select().from(users).where(eq(users.email, 'lang@example.org'));
    expect(row.locale).toBe('en');
  });

  it('keeps the saved language when none is sent', async () => {
    await signUpAndVerify('keep@example.org');
    const response = await signInWith({ email: 'keep@example.org', password });
    expect(response.json().user.locale).toBe('pt');
  });

  it('changes nothing on a wrong password or an unknown language', async () => {
    await signUpAndVerify('wrong@example.org');
    const wrong = await signInWith({ email: 'wrong@example.org', password: 'not the passphrase', locale: 'es' });
    expect(wrong.statusCode).toBe(401);
    const unknown = await signInWith({ email: 'wrong@example.org', password, locale: 'fr' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('validation_failed');
    expect(unknown.json().fields.map((f: { field: string }) => f.field)).toContain('body.locale');
    const [row] = await t.hub.db.select().from(users).where(eq(users.email, 'wrong@example.org'));
    expect(row.locale).toBe('pt');
    expect(await t.hub.db.select().from(sessions).where(eq(sessions.userId, row.id))).toEqual([]);
  });
});

describe('passwords', () => {
  it('changing the password ends every other session and keeps this one', async () => {
    const me = await t.createUser();
    const other = sessionCookieFrom(await signIn(me.email, me.password));
    const wrong = await t.request({
      method: 'POST',
      url: '/api/me/password',
      cookie: me.cookie,
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' }
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0].field).toBe('body.currentPassword');

    const ok = await t.request({
      method: 'POST',
      url: '/api/me/password',
      cookie: me.cookie,
      payload: { currentPassword: me.password, newPassword: 'a brand new passphrase' }
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: me.cookie })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: other })).statusCode).toBe(401);
    expect((await signIn(me.email, me.password)).statusCode).toBe(401);
    expect((await signIn(me.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('resets a forgotten password by a mailed link that works once, ending all sessions', async () => {
    const me = await t.createUser();
    const unknown = await t.request({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'nobody@example.org' } });
    const known = await t.request({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: me.email } });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());

    const token = new URL(await t.linkFromMail(me.email, '/reset-password')).searchParams.get('token')!;
    const confirm = await t.request({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'reset passphrase here' }
    });
    expect(confirm.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: me.cookie })).statusCode).toBe(401);
    const again = await t.request({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'another passphrase!' }
    });
    expect(again.json().code).toBe('invalid_token');
    expect((await signIn(me.email, 'reset passphrase here')).statusCode).toBe(200);
  });

  it('gives the 6th wrong password in a minute a 429, and never says whether the email exists', async () => {
    const me = await t.createUser();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(me.email, `wrong password ${i}`, `10.1.0.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Even the right password waits out the minute.
    expect((await signIn(me.email, me.password, '10.1.0.9')).statusCode).toBe(429);

    const missing = await signIn('no-such-person@example.org', 'whatever it is');
    const wrong = await signIn((await t.createUser()).email, 'whatever it is');
    expect(missing.statusCode).toBe(wrong.statusCode);
    expect(missing.json()).toMatchObject({ code: 'invalid_credentials', detail: wrong.json().detail });
  });
});

describe('profile and roles', () => {
  it('edits my profile', async () => {
    const me = await t.createUser();
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie: me.cookie,
      payload: { name: 'María José', locale: 'es', country: 'CO', bio: 'Urbanista en Medellín.' }
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ name: 'María José', locale: 'es', country: 'CO', bio: 'Urbanista en Medellín.' });
    const bad = await t.request({ method: 'PATCH', url: '/api/me', cookie: me.cookie, payload: { role: 'admin' } });
    expect(bad.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: me.cookie })).json().user.role).toBe('member');
  });

  it('lets only an admin make coordinators, and keeps the last admin', async () => {
    const admin = await t.createUser({ role: 'admin' });
    const coordinator = await t.createUser({ role: 'coordinator' });
    const member = await t.createUser();
    const target = await t.createUser();
    for (const actor of [member, coordinator]) {
      const refused = await t.request({ method: 'PUT', url: `/api/admin/users/${target.id}/role`, cookie: actor.cookie, payload: { role: 'coordinator' } });
      expect(refused.statusCode).toBe(403);
      // Coordinators read the list (they suspend accounts from it); members do not.
      expect((await t.request({ method: 'GET', url: '/api/admin/users', cookie: actor.cookie })).statusCode).toBe(actor === member ? 403 : 200);
    }
    const visitor = await t.request({ method: 'PUT', url: `/api/admin/users/${target.id}/role`, payload: { role: 'coordinator' } });
    expect(visitor.statusCode).toBe(401);
    const ok = await t.request({ method: 'PUT', url: `/api/admin/users/${target.id}/role`, cookie: admin.cookie, payload: { role: 'coordinator' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.role).toBe('coordinator');
    const list = await t.request({ method: 'GET', url: '/api/admin/users?q=person', cookie: admin.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
  });
});

describe('API conventions', () => {
  it('refuses a state-changing request from a foreign origin (CSRF)', async () => {
    const me = await t.createUser();
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { origin: 'https://evil.example', host: 'localhost:3000', cookie: me.cookie },
      payload: { name: 'Hijacked' }
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('cross_origin_refused');
    const missing = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { host: 'localhost:3000', cookie: me.cookie }, payload: { name: 'Hijacked' } });
    expect(missing.statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: me.cookie })).json().user.name).toBe('Test Person');
  });

  it('answers unknown routes and malformed bodies with problem+json', async () => {
    const unknown = await t.request({ method: 'GET', url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 404, code: 'not_found' });
    const malformed = await t.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":'
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_body');
    const huge = await t.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'a@example.org', password: 'x'.repeat(300 * 1024) }
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await t.request({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/sign-in', '/api/me', '/api/health']));
  });
});

describe('limits on guessing passwords', () => {
  it('verifies at most 5 of 100 concurrent wrong guesses, sent to two processes from 100 addresses', async () => {
    const me = await t.createUser();
    const peer = await t.peer();
    const before = passwordVerifications();
    const guesses = Array.from({ length: 100 }, (_, i) =>
      (i % 2 === 0 ? t.app : peer).inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
        remoteAddress: `10.7.${Math.floor(i / 250)}.${i % 250}`,
        payload: { email: me.email, password: `wrong guess number ${i}` }
      })
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.statusCode);
    const verified = passwordVerifications() - before;
    expect(verified).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401)).toHaveLength(verified);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - verified);
    // Even the right password waits: it is not verified either.
    const right = await signIn(me.email, me.password, '10.7.9.9');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(passwordVerifications() - before).toBe(verified);
  });

  it('throttles changing the password like signing in: the 6th wrong current password in a minute gets 429', async () => {
    const me = await t.createUser();
    const change = (currentPassword: string) =>
      t.request({ method: 'POST', url: '/api/me/password', cookie: me.cookie, payload: { currentPassword, newPassword: 'a brand new passphrase' } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await change(`not my password ${i}`)).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    const before = passwordVerifications();
    const right = await change(me.password);
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('rate_limited');
    expect(passwordVerifications()).toBe(before);
    // The password did not change, and the same budget holds for signing in.
    expect((await signIn(me.email, me.password, '10.8.0.1')).statusCode).toBe(429);
  });
});

describe('mail cooldown', () => {
  it('sends one reset mail for 10 requests, answering all of them alike', async () => {
    const me = await t.createUser();
    const before = (await t.mail()).filter((m) => m.to === me.email).length;
    const answers = [];
    for (let i = 0; i < 10; i++) {
      answers.push(await t.request({ method: 'POST', url: '/api/auth/password-reset/request', remoteAddress: '10.10.0.1', payload: { email: me.email } }));
    }
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(202));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect((await t.mail()).filter((m) => m.to === me.email).length - before).toBe(1);

    // The link already mailed keeps working: refused requests replaced nothing.
    const token = new URL(await t.linkFromMail(me.email, '/reset-password')).searchParams.get('token')!;
    const confirm = await t.request({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'a fresh passphrase' } });
    expect(confirm.statusCode).toBe(204);
  });

  it('sends again after five minutes, but never more than five a day', async () => {
    const me = await t.createUser();
    const count = async () => (await t.mail()).filter((m) => m.to === me.email).length;
    // The job takes the cooldown slot: run it before moving the clock back.
    const request = async () => {
      await t.request({ method: 'POST', url: '/api/auth/password-reset/request', remoteAddress: '10.10.0.2', payload: { email: me.email } });
      await t.drainJobs();
    };
    for (let i = 0; i < 7; i++) {
      await request();
      await mailSentMinutesAgo(me.email, 6);
    }
    expect(await count()).toBe(5);
    // A day after the first of them, the next one may go.
    await mailSentMinutesAgo(me.email, 24 * 60);
    await request();
    expect(await count()).toBe(6);
  });

  it('counts each kind on its own, and mails an already registered address once', async () => {
    const email = `cooldown-${Date.now()}@example.org`;
    const from = { remoteAddress: '10.10.0.3' };
    await t.request({ method: 'POST', url: '/api/auth/sign-up', ...from, payload: signUpBody(email) });
    for (let i = 0; i < 3; i++) await t.request({ method: 'POST', url: '/api/auth/sign-up', ...from, payload: signUpBody(email) });
    await t.request({ method: 'POST', url: '/api/auth/resend-verification', ...from, payload: { email } });
    const subjects = (await t.mail()).filter((m) => m.to === email).map((m) => m.subject);
    expect(subjects.sort()).toEqual(['Confirme seu e-mail no Mutirão', 'Você já tem uma conta no Mutirão']);
  });
});

describe('expired limit records', () => {
  it('are pruned, and live ones kept', async () => {
    const old = await t.createUser();
    const fresh = await t.createUser();
    for (const email of [old.email, fresh.email]) {
      await signIn(email, 'a wrong password', '10.9.0.1');
      // An address of its own: this file's other tests spend 127.0.0.1's per-IP allowance.
      const reset = await t.request({ method: 'POST', url: '/api/auth/password-reset/request', remoteAddress: '10.9.0.2', payload: { email } });
      expect(reset.statusCode).toBe(202);
    }
    // The mail job takes the cooldown slot.
    await t.drainJobs();
    expect(await t.hub.db.select().from(accountMailSends).where(inArray(accountMailSends.emailNormalized, [old.email, fresh.email]))).toHaveLength(2);
    await t.hub.db.execute(sql`update password_attempts set window_started_at = now() - interval '2 minutes' where email_normalized = ${old.email}`);
    await mailSentMinutesAgo(old.email, 25 * 60);
    await pruneExpiredAccountLimits(t.hub);
    const emails = [old.email, fresh.email];
    const attempts = await t.hub.db.select().from(passwordAttempts).where(inArray(passwordAttempts.emailNormalized, emails));
    const sends = await t.hub.db.select().from(accountMailSends).where(inArray(accountMailSends.emailNormalized, emails));
    expect(attempts.map((r) => r.emailNormalized)).toEqual([fresh.email]);
    expect(sends.map((r) => r.emailNormalized)).toEqual([fresh.email]);
  });
});

describe('names and links', () => {
  it('refuses a name of only spaces, naming the field, and stores nothing', async () => {
    const email = `blank-${Date.now()}@example.org`;
    const signUp = await t.request({ method: 'POST', url: '/api/auth/sign-up', remoteAddress: '10.10.0.5', payload: { ...signUpBody(email), name: ' \t  ' } });
    expect(signUp.statusCode).toBe(400);
    expect(signUp.json().fields.map((f: { field: string }) => f.field)).toEqual(['body.name']);
    expect(await t.hub.db.select().from(users).where(eq(users.emailNormalized, email))).toHaveLength(0);

    const me = await t.createUser({ name: 'Nombre Real' });
    const edit = await t.request({ method: 'PATCH', url: '/api/me', cookie: me.cookie, payload: { name: '   ' } });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().fields.map((f: { field: string }) => f.field)).toEqual(['body.name']);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: me.cookie })).json().user.name).toBe('Nombre Real');

    // `pnpm hub create-admin --name "  "` goes through the same rule.
    const admin = { name: '  ', email: `blank-admin-${Date.now()}@example.org`, password: 'a long enough passphrase', role: 'admin', locale: 'en', country: 'BR' } as const;
    await expect(createVerifiedUser(t.hub, admin)).rejects.toMatchObject({ status: 400, fields: [expect.objectContaining({ field: 'name' })] });
    expect(await t.hub.db.select().from(users).where(eq(users.emailNormalized, admin.email))).toHaveLength(0);
  });

  it('refuses a `next` path with control characters (a tab would turn /\t/x into //x)', async () => {
    for (const next of ['/\t/evil.example', '/ok\nx', '/a\u0000b', '/x\u007f']) {
      const response = await t.request({ method: 'POST', url: '/api/auth/sign-up', remoteAddress: '10.10.0.4', payload: { ...signUpBody(`next-${Date.now()}@example.org`), next } });
      expect(response.statusCode, JSON.stringify(next)).toBe(400);
      expect(response.json().fields.map((f: { field: string }) => f.field)).toEqual(['body.next']);
    }
    const ok = await t.request({ method: 'POST', url: '/api/auth/sign-up', remoteAddress: '10.10.0.4', payload: { ...signUpBody(`next-ok-${Date.now()}@example.org`), next: '/organisations/apply?x=1' } });
    expect(ok.statusCode).toBe(202);
  });
});
