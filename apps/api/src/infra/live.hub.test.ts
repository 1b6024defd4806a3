import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { createDatabase, liveEvents, sessions, users, type Database } from '@mutirao/db';
import { dropDatabase, withDatabase } from '../../../../tests/fixtures/global-setup';
import { createTestHub, type TestHub } from '../../../../tests/fixtures/harness';
import type { Actor } from '../auth/can';
import type { LiveHub, LiveServerMessage } from './live';
import { createLiveHub } from './live.hub';
import { createSession, invalidateSession } from '../auth/sessions.service';

const log = pino({ level: 'silent' });
const member = (id: string = randomUUID()): Actor => ({ id, role: 'member', emailVerified: true });

/** Collects what a hub sends to one subscriber, and waits for what is expected. */
function subscriber() {
  const messages: LiveServerMessage[] = [];
  const waiters: Array<() => void> = [];
  return {
    messages,
    send(message: LiveServerMessage) {
      messages.push(message);
      for (const wake of waiters.splice(0)) wake();
    },
    async waitFor(predicate: (m: LiveServerMessage) => boolean, timeoutMs = 5000): Promise<LiveServerMessage> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out; got ${JSON.stringify(messages)}`);
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
}
const events = (messages: LiveServerMessage[]) =>
  messages.flatMap((m) => (m.type === 'event' ? [`${m.topic}/${m.id}`] : []));

async function publish(database: Database, hub: LiveHub, topic: string, id: string) {
  await database.db.transaction((tx) => hub.publish(tx, { topic, type: 'changed', id }));
}

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
});
afterAll(async () => {
  await t?.close();
});

/**
 * Two databases that are one: two pools and two LISTEN connections on one
 * Postgres database (two processes, as far as Postgres can tell), or the test's
 * PGlite twice (PGlite is one process by nature; its hubs still only meet
 * through NOTIFY).
 */
async function twoConnections(): Promise<{ databases: [Database, Database]; close(): Promise<void> }> {
  // eslint-disable-next-line no-restricted-properties -- like the harness, the test picks its database server
  const serverUrl = process.env.DATABASE_URL;
  const template = inject('pgTemplate');
  if (!serverUrl || !template) return { databases: [t.hub.database, t.hub.database], close: async () => {} };
  const name = `mutirao_live_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const databases: [Database, Database] = [
    await createDatabase({ url: withDatabase(serverUrl, name), poolSize: 2 }),
    await createDatabase({ url: withDatabase(serverUrl, name), poolSize: 2 })
  ];
  return {
    databases,
    async close() {
      for (const database of databases) await database.close();
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await dropDatabase(admin, name);
      await admin.end();
    }
  };
}

describe('live hub across processes', () => {
  it('delivers an event published by one hub to the subscribers of another, through NOTIFY', async () => {
    const { databases, close } = await twoConnections();
    const [hubA, hubB] = databases.map((database) => createLiveHub({ database, log }));
    try {
      await hubA.start();
      await hubB.start();
      for (const hub of [hubA, hubB]) hub.registerTopic('thread', async () => true);
      const onB = subscriber();
      const onA = subscriber();
      await hubB.connect(null, onB.send).subscribe(['thread:42']);
      await hubA.connect(null, onA.send).subscribe(['thread:42']);

      await publish(databases[0], hubA, 'thread:42', 'post-1');
      await publish(databases[1], hubB, 'thread:42', 'post-2');
      await onB.waitFor((m) => m.type === 'event' && m.id === 'post-2');
      await onA.waitFor((m) => m.type === 'event' && m.id === 'post-2');
      expect(events(onB.messages)).toEqual(['thread:42/post-1', 'thread:42/post-2']);
      expect(events(onA.messages)).toEqual(['thread:42/post-1', 'thread:42/post-2']);
    } finally {
      await hubA.close();
      await hubB.close();
      await close();
    }
  });

  it('ends a socket on another hub when its session ends, and drops a topic there when access to it is lost', async () => {
    const { databases, close } = await twoConnections();
    const [hubA, hubB] = databases.map((database) => createLiveHub({ database, log }));
    const readers = new Set<string>();
    try {
      await hubA.start();
      await hubB.start();
      hubB.registerTopic('room', async (actor) => !!actor && readers.has(actor.id));
      hubB.registerTopic('hall', async () => true);
      const [person] = await databases[0].db
        .insert(users)
        .values({ email: `live-${randomUUID()}@example.org`, emailNormalized: `live-${randomUUID()}@example.org`, name: 'Live', passwordHash: 'x', country: 'BR' })
        .returning();
      readers.add(person.id);
      const phone = await createSession(databases[0].db, person.id, {});
      const laptop = await createSession(databases[0].db, person.id, {});
      const idOf = (token: string) => token.split('.')[0];
      const ended: Array<{ session: string; code: number }> = [];
      const actor = member(person.id);
      const onPhone = subscriber();
      const onLaptop = subscriber();
      const phoneSocket = hubB.connect(actor, onPhone.send, { sessionId: idOf(phone.token), end: (code) => ended.push({ session: 'phone', code }) });
      const laptopSocket = hubB.connect(actor, onLaptop.send, { sessionId: idOf(laptop.token), end: (code) => ended.push({ session: 'laptop', code }) });
      await phoneSocket.subscribe(['room:1']);
      await laptopSocket.subscribe(['room:1', 'hall:1']);

      // Signed out of the phone through the other hub's database: only that socket ends.
      await databases[0].db.transaction((tx) => invalidateSession(tx, idOf(phone.token)));
      await waitUntil(() => ended.length > 0);
      expect(ended).toEqual([{ session: 'phone', code: 4401 }]);

      readers.delete(person.id);
      await databases[0].db.transaction((tx) => hubA.accessChanged(tx, { topic: 'room:1' }));
      await onLaptop.waitFor((m) => m.type === 'revoked');
      await publish(databases[0], hubA, 'room:1', 'after');
      await publish(databases[0], hubA, 'hall:1', 'sentinel');
      await onLaptop.waitFor((m) => m.type === 'event' && m.id === 'sentinel');
      expect([...laptopSocket.topics]).toEqual(['hall:1']);
      // Published before the sentinel, so it would have arrived by now.
      expect(events(onLaptop.messages)).toEqual(['hall:1/sentinel']);
      expect(ended).toHaveLength(1);
    } finally {
      await hubA.close();
      await hubB.close();
      await close();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('live hub', () => {
  let hub: LiveHub;
  beforeAll(async () => {
    hub = createLiveHub({ database: t.hub.database, log, catchUpLimit: 3 });
    hub.registerTopic('open', async () => true);
    hub.registerTopic('closed', async () => false);
    hub.registerTopic('broken', async () => {
      throw new Error('rule failed');
    });
    await hub.start();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('lets only the person themself read user:<id>, and denies unknown, malformed and failing topics', async () => {
    const ana = member();
    expect(await hub.canRead(ana, `user:${ana.id}`)).toBe(true);
    expect(await hub.canRead(ana, `user:${randomUUID()}`)).toBe(false);
    expect(await hub.canRead(null, `user:${ana.id}`)).toBe(false);
    expect(await hub.canRead(ana, 'open:1')).toBe(true);
    expect(await hub.canRead(ana, 'closed:1')).toBe(false);
    expect(await hub.canRead(ana, 'broken:1')).toBe(false);
    expect(await hub.canRead(ana, 'nobody-registered:1')).toBe(false);
    expect(await hub.canRead(ana, 'open:has space')).toBe(false);
    expect(await hub.canRead(ana, 'open')).toBe(false);
  });

  it('refuses to publish a malformed event', async () => {
    await expect(publish(t.hub.database, hub, 'no prefix', 'x')).rejects.toThrow(/invalid live topic/);
    await expect(
      t.hub.db.transaction((tx) => hub.publish(tx, { topic: 'open:1', type: 'Has Spaces', id: 'x' }))
    ).rejects.toThrow(/invalid live event type/);
    await expect(t.hub.db.transaction((tx) => hub.publish(tx, { topic: 'open:1', type: 'changed', id: '' }))).rejects.toThrow();
  });

  it('catches up only on readable topics after the cursor, oldest first', async () => {
    const ana = member();
    const [before] = await t.hub.db.insert(liveEvents).values({ topic: 'open:cu', type: 'changed', recordId: 'old' }).returning();
    await publish(t.hub.database, hub, 'open:cu', 'a');
    await publish(t.hub.database, hub, 'closed:cu', 'secret');
    await publish(t.hub.database, hub, `user:${ana.id}`, 'mine');
    await publish(t.hub.database, hub, 'open:cu', 'b');

    const missed = await hub.catchUp(ana, ['open:cu', 'closed:cu', `user:${ana.id}`], before.id);
    expect(missed.map((e) => `${e.topic}/${e.id}`)).toEqual(['open:cu/a', `user:${ana.id}/mine`, 'open:cu/b']);
    expect(missed[0]).toMatchObject({ type: 'changed', at: expect.any(String) });
    expect(missed[0].cursor).toBeGreaterThan(before.id);
    expect(await hub.catchUp(null, [`user:${ana.id}`], 0)).toEqual([]);
    expect((await hub.catchUp(ana, ['open:cu'], before.id, 1)).map((e) => e.id)).toEqual(['a']);
  });

  it('does not send again an event the catch-up sent, or one from before the subscription, when its notification comes late', async () => {
    const [start] = await t.hub.db.insert(liveEvents).values({ topic: 'open:late', type: 'changed', recordId: 'start' }).returning();
    await publish(t.hub.database, hub, 'open:late', 'missed');
    await publish(t.hub.database, hub, 'open:other', 'before-subscribing');
    const caughtUp = subscriber();
    await hub.connect(null, caughtUp.send).subscribe(['open:late'], start.id);
    const fresh = subscriber();
    await hub.connect(null, fresh.send).subscribe(['open:other']);
    // A busy database or process delivers the NOTIFY of those events only now.
    const old = await t.hub.db.select({ id: liveEvents.id }).from(liveEvents).where(eq(liveEvents.recordId, 'missed'));
    const older = await t.hub.db.select({ id: liveEvents.id }).from(liveEvents).where(eq(liveEvents.recordId, 'before-subscribing'));
    await t.hub.db.execute(sql`select pg_notify('mutirao_live', ${String(old[0].id)})`);
    await t.hub.db.execute(sql`select pg_notify('mutirao_live', ${String(older[0].id)})`);
    await publish(t.hub.database, hub, 'open:late', 'after');
    await publish(t.hub.database, hub, 'open:other', 'after');
    await caughtUp.waitFor((m) => m.type === 'event' && m.id === 'after');
    await fresh.waitFor((m) => m.type === 'event' && m.id === 'after');
    expect(events(caughtUp.messages)).toEqual(['open:late/missed', 'open:late/after']);
    expect(events(fresh.messages)).toEqual(['open:other/after']);
  });

  it('tells a subscriber to resync when it missed more than catch-up sends', async () => {
    const [start] = await t.hub.db.insert(liveEvents).values({ topic: 'open:busy', type: 'changed', recordId: '0' }).returning();
    for (const id of ['1', '2', '3', '4']) await publish(t.hub.database, hub, 'open:busy', id);
    const s = subscriber();
    await hub.connect(null, s.send).subscribe(['open:busy'], start.id);
    expect(s.messages).toEqual([
      { type: 'subscribed', topics: ['open:busy'], denied: [] },
      { type: 'resync', topics: ['open:busy'] }
    ]);
    await publish(t.hub.database, hub, 'open:busy', '5');
    await s.waitFor((m) => m.type === 'event' && m.id === '5');
  });

  it('sends each event once and in order when it is published while a subscription is being set up', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    hub.registerTopic('slow', async () => {
      await gate;
      return true;
    });
    const [start] = await t.hub.db.insert(liveEvents).values({ topic: 'slow:1', type: 'changed', recordId: 'x' }).returning();
    await publish(t.hub.database, hub, 'slow:1', 'before');
    const s = subscriber();
    const subscribed = hub.connect(null, s.send).subscribe(['slow:1'], start.id);
    // Published while the read rule is still deciding: it is both in the catch-up and on the wire.
    await publish(t.hub.database, hub, 'slow:1', 'during');
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages).toEqual([]);
    release();
    await subscribed;
    await publish(t.hub.database, hub, 'slow:1', 'after');
    await s.waitFor((m) => m.type === 'event' && m.id === 'after');
    expect(s.messages[0]).toEqual({ type: 'subscribed', topics: ['slow:1'], denied: [] });
    expect(events(s.messages)).toEqual(['slow:1/before', 'slow:1/during', 'slow:1/after']);
    const cursors = s.messages.flatMap((m) => (m.type === 'event' ? [m.cursor] : []));
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
  });

  it('limits the topics one connection follows', async () => {
    const small = createLiveHub({ database: t.hub.database, log, maxTopicsPerConnection: 2 });
    small.registerTopic('open', async () => true);
    const s = subscriber();
    const connection = small.connect(null, s.send);
    await connection.subscribe(['open:1', 'open:2', 'open:3']);
    await connection.subscribe(['open:1', 'open:4']);
    expect(s.messages).toEqual([
      { type: 'subscribed', topics: ['open:1', 'open:2'], denied: ['open:3'] },
      { type: 'subscribed', topics: ['open:1'], denied: ['open:4'] }
    ]);
    await connection.unsubscribe(['open:2']);
    await connection.subscribe(['open:4']);
    expect(s.messages.at(-1)).toEqual({ type: 'subscribed', topics: ['open:4'], denied: [] });
    expect([...connection.topics].sort()).toEqual(['open:1', 'open:4']);
  });

  it('prunes events older than a week when it starts', async () => {
    const [old] = await t.hub.db
      .insert(liveEvents)
      .values({ topic: 'open:old', type: 'changed', recordId: 'x', at: new Date(Date.now() - 8 * 24 * 3600 * 1000) })
      .returning();
    const [recent] = await t.hub.db
      .insert(liveEvents)
      .values({ topic: 'open:old', type: 'changed', recordId: 'y', at: new Date(Date.now() - 6 * 24 * 3600 * 1000) })
      .returning();
    const pruner = createLiveHub({ database: t.hub.database, log });
    await pruner.start();
    await pruner.close();
    expect(await t.hub.db.select().from(liveEvents).where(eq(liveEvents.id, old.id))).toEqual([]);
    expect(await t.hub.db.select().from(liveEvents).where(eq(liveEvents.id, recent.id))).toHaveLength(1);
  });
});

describe('live hub session sweep', () => {
  it('ends sockets whose session expired on its own, which nobody announces', async () => {
    const sweeping = createLiveHub({ database: t.hub.database, log, sessionSweepMs: 50 });
    try {
      await sweeping.start();
      const [person] = await t.hub.db
        .insert(users)
        .values({ email: `sweep-${randomUUID()}@example.org`, emailNormalized: `sweep-${randomUUID()}@example.org`, name: 'Sweep', passwordHash: 'x', country: 'BR' })
        .returning();
      const expiring = await createSession(t.hub.db, person.id, {});
      const lasting = await createSession(t.hub.db, person.id, {});
      const ended: string[] = [];
      for (const [name, session] of [['expiring', expiring], ['lasting', lasting]] as const) {
        sweeping.connect(member(person.id), () => {}, { sessionId: session.token.split('.')[0], end: () => ended.push(name) });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ended).toEqual([]);
      await t.hub.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, expiring.token.split('.')[0]));
      await waitUntil(() => ended.length > 0);
      expect(ended).toEqual(['expiring']);
    } finally {
      await sweeping.close();
    }
  });
});
