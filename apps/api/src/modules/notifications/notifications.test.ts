import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { notifications } from '@mutirao/db';
import { createTestHub, ORIGIN, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import type { LiveServerMessage } from '../../infra/live';
import { organisationFixtures } from '../organisations/organisations.fixtures';
import { notify } from './notifications.service';

let t: TestHub;
let coordinator: TestUser;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
});

const { apply, decide, approvedOrganisation } = organisationFixtures(() => ({ t, coordinator }));

const list = (user: TestUser | undefined, query = '') =>
  t.request({ method: 'GET', url: `/api/me/notifications${query}`, cookie: user?.cookie });
const unread = async (user: TestUser) =>
  (await t.request({ method: 'GET', url: '/api/me/notifications/unread-count', cookie: user.cookie })).json().unreadCount as number;
const markRead = (user: TestUser | undefined, payload?: unknown) =>
  t.request({ method: 'POST', url: '/api/me/notifications/read', cookie: user?.cookie, payload: payload as object | undefined });

describe('organisation decisions', () => {
  it('tells the applicant, and only the applicant, that their application was approved', async () => {
    const applicant = await t.createUser({ name: 'Rosa Quispe' });
    const bystander = await t.createUser();
    const org = await apply(applicant, { name: 'Vivienda Andina' });
    expect(await unread(applicant)).toBe(0);
    await decide(org.slug, 'approve');

    const mine = await list(applicant);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ total: 1, page: 1, unreadCount: 1 });
    expect(mine.json().items).toEqual([
      {
        id: expect.any(String),
        kind: 'organisation.approved',
        data: { organisationId: org.id, slug: org.slug, name: 'Vivienda Andina' },
        readAt: null,
        createdAt: expect.any(String)
      }
    ]);
    expect(await unread(applicant)).toBe(1);

    expect((await list(bystander)).json()).toMatchObject({ items: [], total: 0, unreadCount: 0 });
    // Coordinators heard of the application, not of its approval.
    expect((await list(coordinator)).json().items.map((i: { kind: string }) => i.kind)).toEqual(['organisation.applied']);
  });

  it('tells a rejected applicant the reason', async () => {
    const applicant = await t.createUser();
    const org = await apply(applicant, { name: 'Proyecto Sin Sede' });
    await decide(org.slug, 'reject', '  No evidence of work in the region.  ');
    const [item] = (await list(applicant)).json().items;
    expect(item).toMatchObject({
      kind: 'organisation.rejected',
      data: { organisationId: org.id, name: 'Proyecto Sin Sede', reason: 'No evidence of work in the region.' }
    });
  });

  it("tells every admin of a suspended organisation why, and again when it is reinstated", async () => {
    const { org, admin } = await approvedOrganisation({ name: 'Cooperativa Pausada' });
    await markRead(admin, {});
    await decide(org.slug, 'suspend', 'Misleading claims on the profile.');
    await decide(org.slug, 'reinstate');
    const items = (await list(admin, '?unread=true')).json().items;
    expect(items.map((i: { kind: string }) => i.kind)).toEqual(['organisation.reinstated', 'organisation.suspended']);
    expect(items[1].data.reason).toBe('Misleading claims on the profile.');
  });

  it('tells the admins of a request to join, and the person of the answer', async () => {
    const { org, admin } = await approvedOrganisation({ name: 'Casa Comum Coletivo' });
    const joiner = await t.createUser({ name: 'Joana Joiner' });
    const ask = await t.request({
      method: 'POST',
      url: `/api/organisations/${org.slug}/join-requests`,
      cookie: joiner.cookie,
      payload: { message: 'Trabalho na equipe de campo.' }
    });
    expect(ask.statusCode, ask.body).toBe(201);
    const [asked] = (await list(admin)).json().items;
    expect(asked).toMatchObject({ kind: 'organisation.join_requested', data: { organisationId: org.id, requesterName: 'Joana Joiner' } });

    const decided = await t.request({
      method: 'POST',
      url: `/api/organisations/${org.slug}/join-requests/${ask.json().joinRequest.id}/decline`,
      cookie: admin.cookie
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await list(joiner)).json().items).toEqual([expect.objectContaining({ kind: 'organisation.join_declined' })]);
  });
});

describe('reading and marking read', () => {
  it('asks visitors to sign in', async () => {
    expect((await list(undefined)).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me/notifications/unread-count' })).statusCode).toBe(401);
    expect((await markRead(undefined, {})).statusCode).toBe(401);
  });

  it("marks one's own notifications read; another person's ids change nothing", async () => {
    const { admin: owner } = await approvedOrganisation();
    const other = await t.createUser();
    const [item] = (await list(owner)).json().items;

    // Someone else names the notification's id: nothing happens to it, and the answer says nothing about it.
    const intruder = await markRead(other, { ids: [item.id] });
    expect(intruder.statusCode).toBe(200);
    expect(intruder.json()).toEqual({ marked: 0, unreadCount: 0 });
    expect((await markRead(other, {})).json()).toEqual({ marked: 0, unreadCount: 0 });
    expect((await list(owner)).json().items[0].readAt).toBeNull();
    expect(await unread(owner)).toBe(1);

    const own = await markRead(owner, { ids: [item.id] });
    expect(own.json()).toEqual({ marked: 1, unreadCount: 0 });
    const after = (await list(owner)).json();
    expect(after.unreadCount).toBe(0);
    expect(Date.parse(after.items[0].readAt)).toBeGreaterThan(0);
    expect((await list(owner, '?unread=true')).json()).toMatchObject({ items: [], total: 0 });
    // Marking again is harmless.
    expect((await markRead(owner, { ids: [item.id] })).json()).toEqual({ marked: 0, unreadCount: 0 });
  });

  it('marks all read when no ids are given', async () => {
    const person = await t.createUser();
    await t.hub.db.transaction(async (tx) => {
      for (const name of ['Uno', 'Dos', 'Tres']) {
        await notify(t.hub, tx, person.id, 'organisation.reinstated', { organisationId: crypto.randomUUID(), slug: name.toLowerCase(), name });
      }
    });
    expect(await unread(person)).toBe(3);
    expect((await markRead(person, { ids: [] })).statusCode).toBe(400);
    expect((await markRead(person, { ids: ['not-an-id'] })).statusCode).toBe(400);
    expect((await markRead(person, { everything: true })).statusCode).toBe(400);
    const all = await markRead(person, {});
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ marked: 3, unreadCount: 0 });
  });

  it('pages newest first, and refuses a bad page', async () => {
    const person = await t.createUser();
    for (const name of ['Primera', 'Segunda', 'Tercera']) {
      await t.hub.db.transaction((tx) =>
        notify(t.hub, tx, person.id, 'organisation.approved', { organisationId: crypto.randomUUID(), slug: name.toLowerCase(), name })
      );
    }
    const first = (await list(person, '?pageSize=2')).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2, unreadCount: 3 });
    expect(first.items.map((i: { data: { name: string } }) => i.data.name)).toEqual(['Tercera', 'Segunda']);
    const second = (await list(person, '?pageSize=2&page=2')).json();
    expect(second.items.map((i: { data: { name: string } }) => i.data.name)).toEqual(['Primera']);
    expect((await list(person, '?page=0')).statusCode).toBe(400);
    expect((await list(person, '?pageSize=500')).statusCode).toBe(400);
  });

  it('leaves out kinds this version does not know (written by a newer one)', async () => {
    const person = await t.createUser();
    await t.hub.db.insert(notifications).values({ userId: person.id, kind: 'future.thing', data: { x: 1 } });
    expect((await list(person)).json()).toMatchObject({ items: [], total: 0, unreadCount: 0 });
  });

  it('goes when the person is deleted', async () => {
    const person = await t.createUser();
    await t.hub.db.transaction((tx) =>
      notify(t.hub, tx, person.id, 'organisation.approved', { organisationId: crypto.randomUUID(), slug: 'x', name: 'X' })
    );
    const { users } = await import('@mutirao/db');
    const { eq } = await import('drizzle-orm');
    await t.hub.db.delete(users).where(eq(users.id, person.id));
    expect(await t.hub.db.select().from(notifications).where(eq(notifications.userId, person.id))).toEqual([]);
  });
});

describe('live', () => {
  it('tells an open page of the applicant, after the approval commits, and nobody else', async () => {
    const applicant = await t.createUser();
    const bystander = await t.createUser();
    const org = await apply(applicant, { name: 'Techo en Vivo' });

    const listen = async (user: TestUser) => {
      const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: { cookie: user.cookie, origin: ORIGIN } });
      const messages: LiveServerMessage[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data)) as LiveServerMessage));
      await once(ws, 'open');
      return { ws, messages };
    };
    const page = await listen(applicant);
    const nosy = await listen(bystander);
    page.ws.send(JSON.stringify({ type: 'subscribe', topics: [`user:${applicant.id}`] }));
    // Someone else's stream is refused.
    nosy.ws.send(JSON.stringify({ type: 'subscribe', topics: [`user:${applicant.id}`] }));
    await expect.poll(() => page.messages.some((m) => m.type === 'subscribed')).toBe(true);
    await expect.poll(() => nosy.messages.find((m) => m.type === 'subscribed')).toMatchObject({ topics: [], denied: [`user:${applicant.id}`] });

    await decide(org.slug, 'approve');
    await expect.poll(() => page.messages.find((m) => m.type === 'event'), { timeout: 5000 }).toMatchObject({
      type: 'event',
      topic: `user:${applicant.id}`,
      event: 'notification.created'
    });
    // What the event names can be fetched: it was committed before the page heard of it.
    const event = page.messages.find((m) => m.type === 'event') as Extract<LiveServerMessage, { type: 'event' }>;
    expect((await list(applicant)).json().items.map((i: { id: string }) => i.id)).toEqual([event.id]);
    expect(nosy.messages.filter((m) => m.type === 'event')).toEqual([]);
    page.ws.close();
    nosy.ws.close();
  });

  it('publishes nothing, and keeps no notification, when the transaction fails', async () => {
    const person = await t.createUser();
    await expect(
      t.hub.db.transaction(async (tx) => {
        await notify(t.hub, tx, person.id, 'organisation.approved', { organisationId: crypto.randomUUID(), slug: 'y', name: 'Y' });
        throw new Error('the change failed');
      })
    ).rejects.toThrow('the change failed');
    expect(await unread(person)).toBe(0);
    expect(await t.hub.live.catchUp({ id: person.id, role: 'member', emailVerified: true }, [`user:${person.id}`], 0)).toEqual([]);
  });
});
