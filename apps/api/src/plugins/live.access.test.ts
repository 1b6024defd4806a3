import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestHub, sessionCookieFrom, type TestHub, type TestUser } from '../../../../tests/fixtures/harness';
import { organisationFixtures } from '../modules/organisations/organisations.fixtures';
import type { LiveServerMessage } from '../infra/live';

/**
 * A socket lives no longer than the session and the rights it was opened with:
 * ending the session closes it (4401), and losing the right to read a topic
 * drops that topic (`revoked`), in whichever process the socket is.
 */
interface LiveClient {
  ws: WebSocket;
  messages: LiveServerMessage[];
  send(message: unknown): void;
  waitFor(predicate: (m: LiveServerMessage) => boolean, timeoutMs?: number): Promise<LiveServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
}

let t: TestHub;
let baseUrl: string;
let coordinator: TestUser;
const clients: LiveClient[] = [];
const fixtures = organisationFixtures(() => ({ t, coordinator }));

async function open(cookie?: string): Promise<LiveClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: cookie ? { cookie } : {} });
  const messages: LiveServerMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as LiveServerMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }))
  );
  await once(ws, 'open');
  const client: LiveClient = {
    ws,
    messages,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out; received ${JSON.stringify(messages)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
  };
  clients.push(client);
  return client;
}

async function subscribed(client: LiveClient, topics: string[], since?: number) {
  client.messages.length = 0;
  client.send({ type: 'subscribe', topics, ...(since !== undefined && { since }) });
  return (await client.waitFor((m) => m.type === 'subscribed')) as Extract<LiveServerMessage, { type: 'subscribed' }>;
}

async function publish(topic: string, id: string) {
  await t.hub.db.transaction((tx) => t.hub.live.publish(tx, { topic, type: 'changed', id }));
}
const eventIds = (client: LiveClient) => client.messages.flatMap((m) => (m.type === 'event' ? [m.id] : []));

/** A second session of the same person, as another device would have. */
async function signIn(user: TestUser): Promise<string> {
  const response = await t.request({ method: 'POST', url: '/api/auth/sign-in', payload: { email: user.email, password: user.password } });
  expect(response.statusCode, response.body).toBe(200);
  return sessionCookieFrom(response);
}

beforeAll(async () => {
  t = await createTestHub();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  coordinator = await t.createUser({ name: 'Carla Coordinator', role: 'coordinator' });
});

afterAll(async () => {
  for (const client of clients) client.ws.terminate();
  await t?.close();
});

describe('a socket and its session', () => {
  it('closes with 4401 on sign-out, and the cookie can neither subscribe nor replay afterwards', async () => {
    const ana = await t.createUser({ name: 'Ana' });
    const client = await open(ana.cookie);
    expect((await subscribed(client, [`user:${ana.id}`])).topics).toEqual([`user:${ana.id}`]);
    await publish(`user:${ana.id}`, 'before');
    await client.waitFor((m) => m.type === 'event' && m.id === 'before');

    const signOut = await t.request({ method: 'POST', url: '/api/auth/sign-out', cookie: ana.cookie });
    expect(signOut.statusCode).toBe(204);
    expect(await client.closed).toEqual({ code: 4401, reason: 'session ended' });

    await publish(`user:${ana.id}`, 'after');
    const again = await open(ana.cookie);
    const reply = await subscribed(again, [`user:${ana.id}`], 0);
    expect(reply).toEqual({ type: 'subscribed', topics: [], denied: [`user:${ana.id}`] });
    again.send({ type: 'ping' });
    await again.waitFor((m) => m.type === 'pong');
    expect(eventIds(again)).toEqual([]);
  });

  it('closes the sockets of a revoked session, and of every other session on a password change', async () => {
    const bruno = await t.createUser({ name: 'Bruno' });
    const laptop = bruno.cookie;
    const phone = await signIn(bruno);
    const tablet = await signIn(bruno);
    const onLaptop = await open(laptop);
    const onPhone = await open(phone);
    const onTablet = await open(tablet);
    for (const client of [onLaptop, onPhone, onTablet]) await subscribed(client, [`user:${bruno.id}`]);

    const list = await t.request({ method: 'GET', url: '/api/me/sessions', cookie: laptop });
    const phoneId = phone.split('=')[1].split('.')[0];
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(phoneId);
    const revoke = await t.request({ method: 'DELETE', url: `/api/me/sessions/${phoneId}`, cookie: laptop });
    expect(revoke.statusCode).toBe(204);
    expect((await onPhone.closed).code).toBe(4401);

    const change = await t.request({
      method: 'POST',
      url: '/api/me/password',
      cookie: laptop,
      payload: { currentPassword: bruno.password, newPassword: 'another long passphrase' }
    });
    expect(change.statusCode, change.body).toBe(204);
    expect((await onTablet.closed).code).toBe(4401);
    // The session that changed the password goes on, and still hears its events.
    await publish(`user:${bruno.id}`, 'still-here');
    await onLaptop.waitFor((m) => m.type === 'event' && m.id === 'still-here');
    expect(onLaptop.ws.readyState).toBe(WebSocket.OPEN);
  });
});

describe('a socket and the rights behind its topics', () => {
  it('stops hearing a private organisation’s events once its membership is lost', async () => {
    const { org, admin } = await fixtures.approvedOrganisation();
    const dora = await t.createUser({ name: 'Dora' });
    const join = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: dora.cookie, payload: { message: 'Hola' } });
    expect(join.statusCode, join.body).toBe(201);
    const approve = await t.request({
      method: 'POST',
      url: `/api/organisations/${org.slug}/join-requests/${join.json().joinRequest.id}/approve`,
      cookie: admin.cookie
    });
    expect(approve.statusCode, approve.body).toBe(200);
    // Suspended: no longer public, so only its people (and coordinators) may follow it.
    await fixtures.decide(org.slug, 'suspend', 'Checking the profile.');

    const topic = `organisation:${org.id}`;
    const member = await open(dora.cookie);
    const owner = await open(admin.cookie);
    expect((await subscribed(member, [topic])).topics).toEqual([topic]);
    expect((await subscribed(owner, [topic])).topics).toEqual([topic]);
    await publish(topic, 'while-member');
    await member.waitFor((m) => m.type === 'event' && m.id === 'while-member');

    const remove = await t.request({ method: 'DELETE', url: `/api/organisations/${org.slug}/members/${dora.id}`, cookie: admin.cookie });
    expect(remove.statusCode, remove.body).toBe(204);
    expect(await member.waitFor((m) => m.type === 'revoked')).toEqual({ type: 'revoked', topics: [topic] });

    await publish(topic, 'after-removal');
    await owner.waitFor((m) => m.type === 'event' && m.id === 'after-removal');
    // Nothing after the revocation (what came before may include the suspension's own announcement).
    const revokedAt = member.messages.findIndex((m) => m.type === 'revoked');
    expect(eventIds({ ...member, messages: member.messages.slice(revokedAt) })).toEqual([]);
    expect(eventIds(member)).toContain('while-member');
    // The socket itself stays open: her own topic still works, and re-subscribing is refused.
    expect(member.ws.readyState).toBe(WebSocket.OPEN);
    expect((await subscribed(member, [topic])).denied).toEqual([topic]);
  });

  it('drops a public organisation’s topic for visitors when it is suspended', async () => {
    const { org } = await fixtures.approvedOrganisation();
    const topic = `organisation:${org.id}`;
    const visitor = await open();
    expect((await subscribed(visitor, [topic])).topics).toEqual([topic]);
    await fixtures.decide(org.slug, 'suspend', 'Duplicate of another member.');
    expect(await visitor.waitFor((m) => m.type === 'revoked')).toEqual({ type: 'revoked', topics: [topic] });
    await publish(topic, 'hidden');
    visitor.send({ type: 'ping' });
    await visitor.waitFor((m) => m.type === 'pong');
    expect(eventIds(visitor)).not.toContain('hidden');
  });

  it('drops the topics a coordinator could read only as staff when the role is withdrawn', async () => {
    const applicant = await t.createUser({ name: 'Eva Applicant' });
    const pending = await fixtures.apply(applicant);
    const admin = await t.createUser({ name: 'Hub Admin', role: 'admin' });
    const former = await t.createUser({ name: 'Former Coordinator', role: 'coordinator' });
    const topic = `organisation:${pending.id}`;
    const client = await open(former.cookie);
    expect((await subscribed(client, [topic, `user:${former.id}`])).topics).toEqual([topic, `user:${former.id}`]);

    const demote = await t.request({ method: 'PUT', url: `/api/admin/users/${former.id}/role`, cookie: admin.cookie, payload: { role: 'member' } });
    expect(demote.statusCode, demote.body).toBe(200);
    expect(await client.waitFor((m) => m.type === 'revoked')).toEqual({ type: 'revoked', topics: [topic] });
    await publish(`user:${former.id}`, 'own-topic-kept');
    await client.waitFor((m) => m.type === 'event' && m.id === 'own-topic-kept');
  });
});

describe('a socket and a deleted account', () => {
  it('closes every socket of the account with 4401 when it is deleted', async () => {
    const dora = await t.createUser({ name: 'Dora' });
    const phone = await signIn(dora);
    const onLaptop = await open(dora.cookie);
    const onPhone = await open(phone);
    for (const client of [onLaptop, onPhone]) await subscribed(client, [`user:${dora.id}`]);
    const deleted = await t.request({ method: 'POST', url: '/api/me/delete', cookie: dora.cookie, payload: { password: dora.password, confirm: true } });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await onLaptop.closed).toEqual({ code: 4401, reason: 'session ended' });
    expect((await onPhone.closed).code).toBe(4401);
  });
});
