import { once } from 'node:events';
import { eq, sql } from 'drizzle-orm';
import { users } from '@mutirao/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestHub, sessionCookieFrom, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { databaseFingerprint } from '../../../../../tests/fixtures/snapshot';
import { createSession } from '../../auth/sessions.service';
import { SUSPENSION_END } from './accounts.jobs';

/**
 * Account suspension: who may suspend whom, and what a suspension does (sessions and
 * sockets end, sign-in refused with the reason, mail, the directory, contact), until it
 * ends early (reinstated) or at its end (the expiry job).
 */
let t: TestHub;
let baseUrl: string;
let coordinator: TestUser;
let admin: TestUser;
let viewer: TestUser;
const sockets: WebSocket[] = [];

const DAY = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const reason = 'Mensajes promocionales repetidos en varios debates.';

beforeAll(async () => {
  t = await createTestHub();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
  admin = await t.createUser({ role: 'admin', name: 'Alma Administradora' });
  viewer = await t.createUser({ name: 'Vera Lectora' });
});
afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await t?.close();
});

function suspend(by: TestUser, id: string, body: object = { until: inDays(7), reason }) {
  return t.request({ method: 'PUT', url: `/api/admin/users/${id}/suspension`, cookie: by.cookie, payload: body });
}
function reinstate(by: TestUser, id: string) {
  return t.request({ method: 'DELETE', url: `/api/admin/users/${id}/suspension`, cookie: by.cookie });
}
function signIn(person: TestUser, locale?: string) {
  return t.request({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password, ...(locale && { locale }) } });
}
async function directoryNames(name: string): Promise<string[]> {
  await t.hub.search.drain();
  const response = await t.request({ method: 'GET', url: `/api/people?q=${encodeURIComponent(name)}`, cookie: viewer.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as Array<{ name: string }>).map((item) => item.name);
}
/** A member listed in the directory (a saved profile makes the document). */
async function listedMember(name: string): Promise<TestUser> {
  const person = await t.createUser({ name });
  const saved = await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: person.cookie, payload: { headline: 'Arquitecta', visibility: 'members' } });
  expect(saved.statusCode, saved.body).toBe(200);
  expect(await directoryNames(name)).toEqual([name]);
  return person;
}
async function openSocket(cookie: string, userId: string) {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: { cookie } });
  sockets.push(ws);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, why) => resolve({ code, reason: String(why) })));
  await once(ws, 'open');
  // Subscribed to the person's own topic: the socket is known to the hub with its session.
  const answered = once(ws, 'message');
  ws.send(JSON.stringify({ type: 'subscribe', topics: [`user:${userId}`] }));
  expect(JSON.parse(String((await answered)[0]))).toMatchObject({ type: 'subscribed', topics: [`user:${userId}`] });
  return { ws, closed };
}

describe('who may suspend whom', () => {
  it('refuses members with 403 and changes nothing (organisation admins: the authorization matrix)', async () => {
    const target = await t.createUser();
    const member = await t.createUser();
    const before = await databaseFingerprint(t.hub.db, { queues: ['search_outbox'] });
    const refused = await suspend(member, target.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    expect((await reinstate(member, target.id)).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/admin/users/${target.id}/suspensions`, cookie: member.cookie })).statusCode).toBe(403);
    expect(await databaseFingerprint(t.hub.db, { queues: ['search_outbox'] })).toEqual(before);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: target.cookie })).statusCode).toBe(200);
  });

  it('refuses a coordinator suspending an admin or another coordinator, and anyone suspending themselves', async () => {
    const otherCoordinator = await t.createUser({ role: 'coordinator' });
    for (const [by, target] of [
      [coordinator, admin],
      [coordinator, otherCoordinator],
      [admin, await t.createUser({ role: 'admin' })]
    ] as const) {
      const refused = await suspend(by, target.id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('cannot_suspend_role');
      expect((await t.request({ method: 'GET', url: '/api/me', cookie: target.cookie })).statusCode).toBe(200);
    }
    for (const self of [coordinator, admin]) {
      const refused = await suspend(self, self.id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('cannot_suspend_self');
    }
    // An admin may suspend a coordinator.
    expect((await suspend(admin, otherCoordinator.id)).statusCode).toBe(200);
  });

  it('needs a reason and an end in the future', async () => {
    const target = await t.createUser();
    const blank = await suspend(coordinator, target.id, { until: inDays(1), reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().fields.map((f: { field: string }) => f.field)).toEqual(['body.reason']);
    const past = await suspend(coordinator, target.id, { until: inDays(-1), reason });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields).toEqual([{ field: 'body.until', code: 'past', message: 'must be in the future' }]);
    expect((await suspend(coordinator, crypto.randomUUID())).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: target.cookie })).statusCode).toBe(200);
  });
});

describe('a suspension', () => {
  it('ends the sessions and closes the sockets at once, refuses sign-in with until when and why, and mails the person', async () => {
    const person = await listedMember('Sara Suspendida');
    const second = sessionCookieFrom(await signIn(person));
    const socket = await openSocket(person.cookie, person.id);

    const until = inDays(7);
    const done = await suspend(coordinator, person.id, { until, reason });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.suspension).toEqual({ until, reason });

    expect(await socket.closed).toEqual({ code: 4401, reason: 'session ended' });
    for (const cookie of [person.cookie, second]) {
      expect((await t.request({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(401);
    }
    const refused = await signIn(person);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'account_suspended', suspension: { until, reason } });
    expect(refused.headers['set-cookie']).toBeUndefined();
    // A wrong password learns nothing about the suspension.
    const guess = await t.request({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: 'not the password at all' } });
    expect(guess.json().code).toBe('invalid_credentials');

    const mail = (await t.mail()).find((m) => m.to === person.email && m.subject.includes('suspended'));
    expect(mail?.text).toContain(reason);
    expect(mail?.text).toMatch(/until \d+ \w+ \d{4}/);

    expect(await directoryNames('Sara Suspendida')).toEqual([]);
    // Their content stays: the profile still answers.
    expect((await t.request({ method: 'GET', url: `/api/people/${person.id}`, cookie: viewer.cookie })).statusCode).toBe(200);
    // Nobody writes to them meanwhile.
    const contact = await t.request({ method: 'POST', url: `/api/people/${person.id}/messages`, cookie: viewer.cookie, payload: { subject: 'Hola', body: '¿Conversamos?' } });
    expect(contact.statusCode).toBe(403);
    expect(contact.json().code).toBe('contact_closed');
  });

  it('makes a session that survived it invalid for every route', async () => {
    const person = await t.createUser();
    expect((await suspend(admin, person.id, { until: null, reason })).statusCode).toBe(200);
    // A session written after the suspension (a racing sign-in) is still refused.
    const session = await createSession(t.hub.db, person.id, { ip: null, userAgent: null });
    const cookie = `${t.app.sessionCookieName}=${session.token}`;
    expect((await t.request({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(401);
    const post = await t.request({ method: 'PATCH', url: '/api/me/profile', cookie, payload: { headline: 'x' } });
    expect(post.statusCode).toBe(401);
    const refused = await signIn(person);
    expect(refused.json()).toMatchObject({ code: 'account_suspended', suspension: { until: null, reason } });
  });

  it('ends early when reinstated: sign-in works again, the directory lists them, the history says who did what', async () => {
    const person = await listedMember('Rita Reactivada');
    expect((await suspend(coordinator, person.id)).statusCode).toBe(200);
    expect(await directoryNames('Rita Reactivada')).toEqual([]);

    const back = await reinstate(coordinator, person.id);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().user.suspension).toBeNull();
    const signedIn = await signIn(person);
    expect(signedIn.statusCode).toBe(200);
    expect(await directoryNames('Rita Reactivada')).toEqual(['Rita Reactivada']);
    // The person's export holds their suspensions, without the moderators' ids.
    const exported = await t.request({ method: 'GET', url: '/api/me/export', cookie: sessionCookieFrom(signedIn) });
    expect(exported.json().sections.accounts.suspensions).toEqual([{ reason, startsAt: expect.any(String), endsAt: expect.any(String), liftedAt: expect.any(String) }]);
    expect((await t.mail()).some((m) => m.to === person.email && m.subject.includes('reinstated'))).toBe(true);
    expect((await reinstate(coordinator, person.id)).json().code).toBe('not_suspended');

    const history = await t.request({ method: 'GET', url: `/api/admin/users/${person.id}/suspensions`, cookie: admin.cookie });
    expect(history.json().items).toEqual([
      expect.objectContaining({
        reason,
        liftedAt: expect.any(String),
        suspendedBy: { id: coordinator.id, name: 'Carla Coordinadora' },
        liftedBy: { id: coordinator.id, name: 'Carla Coordinadora' }
      })
    ]);
  });

  it('ends at its end through the scheduled job, which puts the person back in the directory', async () => {
    const person = await listedMember('Elena Expirada');
    expect((await suspend(coordinator, person.id, { until: inDays(1), reason })).statusCode).toBe(200);
    expect(await directoryNames('Elena Expirada')).toEqual([]);
    const [{ id: suspensionId }] = (await t.request({ method: 'GET', url: `/api/admin/users/${person.id}/suspensions`, cookie: coordinator.cookie })).json()
      .items as Array<{ id: string }>;

    // A day passes: the suspension's end is now behind us. The job scheduled for it is a day
    // away on the clock; the same job, due now, stands in for it.
    await t.hub.db.execute(sql`update account_suspensions set ends_at = now() - interval '1 minute' where id = ${suspensionId}`);
    await t.hub.db.execute(sql`update users set suspended_until = now() - interval '1 minute' where id = ${person.id}`);
    await t.hub.db.transaction((tx) => t.hub.jobs.enqueue(tx, SUSPENSION_END, { userId: person.id, suspensionId }, { startAfter: new Date(Date.now() - 60_000) }));
    await t.drainJobs();

    const [row] = await t.hub.db
      .select({ suspendedAt: users.suspendedAt, reason: users.suspensionReason })
      .from(users)
      .where(eq(users.id, person.id));
    expect(row).toEqual({ suspendedAt: null, reason: null });
    expect(await directoryNames('Elena Expirada')).toEqual(['Elena Expirada']);
    expect((await signIn(person)).statusCode).toBe(200);
  });

  it('replaces an earlier suspension: the earlier one’s job then does nothing', async () => {
    const person = await t.createUser();
    expect((await suspend(coordinator, person.id, { until: inDays(1), reason: 'Primera vez.' })).statusCode).toBe(200);
    const second = await suspend(coordinator, person.id, { until: null, reason: 'Otra vez.' });
    expect(second.json().user.suspension).toEqual({ until: null, reason: 'Otra vez.' });
    const items = (await t.request({ method: 'GET', url: `/api/admin/users/${person.id}/suspensions`, cookie: coordinator.cookie })).json().items as Array<{
      id: string;
      reason: string;
      liftedAt: string | null;
    }>;
    expect(items.map((i) => [i.reason, i.liftedAt !== null])).toEqual([
      ['Otra vez.', false],
      ['Primera vez.', true]
    ]);
    await t.hub.db.transaction((tx) =>
      t.hub.jobs.enqueue(tx, SUSPENSION_END, { userId: person.id, suspensionId: items[1].id }, { startAfter: new Date(Date.now() - 60_000) })
    );
    await t.drainJobs();
    expect((await signIn(person)).json()).toMatchObject({ code: 'account_suspended', suspension: { until: null, reason: 'Otra vez.' } });
  });

  it('is shown to coordinators on the people list', async () => {
    const person = await t.createUser({ name: 'Lista Suspendida' });
    await suspend(coordinator, person.id, { until: null, reason });
    const list = await t.request({ method: 'GET', url: '/api/admin/users?q=Lista%20Suspendida', cookie: coordinator.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: person.id, suspension: { until: null, reason } })]);
  });
});
