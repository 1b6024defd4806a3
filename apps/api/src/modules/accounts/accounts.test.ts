import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions, users } from '@mutirao/db';
import { createTestHub, sessionCookieFrom, type TestHub } from '../../../../../tests/fixtures/harness';
import { hashToken } from '../../auth/tokens';

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

async function signIn(email: string, password = 'a long enough passphrase', ip = '10.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    headers: { origin: 'http://localhost:3000' },
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
      expect((await t.request({ method: 'GET', url: '/api/admin/users', cookie: actor.cookie })).statusCode).toBe(403);
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
      headers: { origin: 'https://evil.example', cookie: me.cookie },
      payload: { name: 'Hijacked' }
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('cross_origin_refused');
    const missing = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: me.cookie }, payload: { name: 'Hijacked' } });
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
