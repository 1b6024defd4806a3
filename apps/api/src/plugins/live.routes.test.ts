import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import WebSocket from 'ws';
import { ORIGIN, createTestHub, type TestHub, type TestUser } from '../../../../tests/fixtures/harness';
import type { LiveServerMessage } from '../infra/live';
import { liveRoutes } from './live.routes';

interface LiveClient {
  ws: WebSocket;
  messages: LiveServerMessage[];
  send(message: unknown): void;
  waitFor(predicate: (m: LiveServerMessage) => boolean, timeoutMs?: number): Promise<LiveServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
}

/** A real websocket client against a listening app, as a browser page would use it. */
async function connect(baseUrl: string, headers: Record<string, string> = {}, options: WebSocket.ClientOptions = {}): Promise<LiveClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers, ...options });
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
  return {
    ws,
    messages,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
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
}

const eventIds = (messages: LiveServerMessage[]) => messages.flatMap((m) => (m.type === 'event' ? [m.id] : []));
const isEvent = (id: string) => (m: LiveServerMessage) => m.type === 'event' && m.id === id;

let t: TestHub;
let baseUrl: string;
let ana: TestUser;
let bruno: TestUser;
const clients: LiveClient[] = [];

async function open(user?: TestUser, headers: Record<string, string> = {}) {
  const client = await connect(baseUrl, { ...(user ? { cookie: user.cookie } : {}), ...headers });
  clients.push(client);
  return client;
}

async function publish(topic: string, id: string, type = 'changed') {
  await t.hub.db.transaction((tx) => t.hub.live.publish(tx, { topic, type, id }));
}

beforeAll(async () => {
  t = await createTestHub();
  // Stand-ins for what domains register: a public topic and one nobody may read.
  t.hub.live.registerTopic('note', async () => true);
  t.hub.live.registerTopic('secret', async () => false);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  ana = await t.createUser({ name: 'Ana' });
  bruno = await t.createUser({ name: 'Bruno' });
});

afterAll(async () => {
  for (const client of clients) client.ws.terminate();
  await t?.close();
});

describe('GET /api/live', () => {
  it('subscribes to the topics the person may read and denies the others', async () => {
    const client = await open(ana);
    client.send({ type: 'subscribe', topics: [`user:${ana.id}`, `user:${bruno.id}`, 'note:1', 'secret:1', 'unknown:1', 'not a topic'] });
    const reply = await client.waitFor((m) => m.type === 'subscribed');
    expect(reply).toEqual({
      type: 'subscribed',
      topics: [`user:${ana.id}`, 'note:1'],
      denied: expect.arrayContaining([`user:${bruno.id}`, 'secret:1', 'unknown:1', 'not a topic'])
    });
    expect(reply.type === 'subscribed' && reply.denied).toHaveLength(4);
  });

  it('delivers committed events only, and never those of topics the person may not read', async () => {
    const client = await open(ana);
    client.send({ type: 'subscribe', topics: [`user:${ana.id}`, `user:${bruno.id}`, 'note:2'] });
    await client.waitFor((m) => m.type === 'subscribed');

    await publish(`user:${bruno.id}`, 'bruno-private');
    await expect(
      t.hub.db.transaction(async (tx) => {
        await t.hub.live.publish(tx, { topic: 'note:2', type: 'changed', id: 'rolled-back' });
        throw new Error('the write failed');
      })
    ).rejects.toThrow('the write failed');
    await publish('note:2', 'committed', 'comment.created');
    await publish(`user:${ana.id}`, 'ana-own');

    const event = await client.waitFor(isEvent('committed'));
    expect(event).toEqual({
      type: 'event',
      topic: 'note:2',
      event: 'comment.created',
      id: 'committed',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      cursor: expect.any(Number)
    });
    await client.waitFor(isEvent('ana-own'));
    // Events reach a process in commit order, so by now the others would have arrived.
    expect(eventIds(client.messages)).toEqual(['committed', 'ana-own']);
  });

  it('lets a visitor follow public topics but not a person’s own', async () => {
    const visitor = await open();
    visitor.send({ type: 'subscribe', topics: ['note:3', `user:${ana.id}`] });
    expect(await visitor.waitFor((m) => m.type === 'subscribed')).toEqual({
      type: 'subscribed',
      topics: ['note:3'],
      denied: [`user:${ana.id}`]
    });
    await publish(`user:${ana.id}`, 'not-for-visitors');
    await publish('note:3', 'for-everyone');
    await visitor.waitFor(isEvent('for-everyone'));
    expect(eventIds(visitor.messages)).toEqual(['for-everyone']);
  });

  it('catches up after a reconnect from the last cursor it saw', async () => {
    const first = await open(ana);
    first.send({ type: 'subscribe', topics: ['note:4'] });
    await first.waitFor((m) => m.type === 'subscribed');
    await publish('note:4', 'seen');
    const seen = await first.waitFor(isEvent('seen'));
    first.ws.close();
    await first.closed;

    await publish('note:4', 'missed-1');
    await publish('note:5', 'other-topic');
    await publish('note:4', 'missed-2');

    const again = await open(ana);
    again.send({ type: 'subscribe', topics: ['note:4'], since: seen.type === 'event' ? seen.cursor : 0 });
    await again.waitFor(isEvent('missed-2'));
    await publish('note:4', 'live');
    await again.waitFor(isEvent('live'));
    expect(again.messages[0]).toMatchObject({ type: 'subscribed', topics: ['note:4'] });
    expect(eventIds(again.messages)).toEqual(['missed-1', 'missed-2', 'live']);

    // Without `since` nothing old is replayed.
    const fresh = await open(ana);
    fresh.send({ type: 'subscribe', topics: ['note:4'] });
    await fresh.waitFor((m) => m.type === 'subscribed');
    await publish('note:4', 'newest');
    await fresh.waitFor(isEvent('newest'));
    expect(eventIds(fresh.messages)).toEqual(['newest']);
  });

  it('stops delivering a topic after unsubscribe, and answers ping', async () => {
    const client = await open(ana);
    client.send({ type: 'subscribe', topics: ['note:6', 'note:7'] });
    await client.waitFor((m) => m.type === 'subscribed');
    client.send({ type: 'unsubscribe', topics: ['note:6'] });
    client.send({ type: 'ping' });
    await client.waitFor((m) => m.type === 'pong');
    await publish('note:6', 'after-unsubscribe');
    await publish('note:7', 'still-followed');
    await client.waitFor(isEvent('still-followed'));
    expect(eventIds(client.messages)).toEqual(['still-followed']);
  });

  it('closes the socket on a message it does not accept', async () => {
    const garbage = await open(ana);
    garbage.send('{not json');
    expect((await garbage.closed).code).toBe(1008);

    const unknown = await open(ana);
    unknown.send({ type: 'subscribe', topics: ['note:1'], extra: true });
    expect((await unknown.closed).code).toBe(1008);

    const tooMany = await open(ana);
    tooMany.send({ type: 'subscribe', topics: Array.from({ length: 101 }, (_, i) => `note:${i}`) });
    expect((await tooMany.closed).code).toBe(1008);

    const binary = await open(ana);
    binary.ws.send(Buffer.from([1, 2, 3]));
    expect((await binary.closed).code).toBe(1003);
  });

  it('refuses a handshake from another site, and answers a plain GET with 426', async () => {
    await expect(connect(baseUrl, { cookie: ana.cookie, origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const sameSite = await open(ana, { origin: ORIGIN });
    sameSite.send({ type: 'ping' });
    await sameSite.waitFor((m) => m.type === 'pong');

    const response = await t.request({ method: 'GET', url: '/api/live' });
    expect(response.statusCode).toBe(426);
    expect(response.json()).toMatchObject({ code: 'upgrade_required' });
  });
});

describe('live socket lifetime', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    // The same routes on a bare server with a fast heartbeat.
    app = Fastify();
    app.decorateRequest('actor', null);
    await app.register(websocket);
    await app.register(liveRoutes, { prefix: '/api', hub: t.hub, heartbeatMs: 100 });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('drops a client that stops answering pings and keeps one that answers', async () => {
    const silent = await connect(url, {}, { autoPong: false });
    const alive = await connect(url);
    clients.push(silent, alive);
    const { code } = await silent.closed;
    expect(code).toBe(1006);
    alive.send({ type: 'ping' });
    await alive.waitFor((m) => m.type === 'pong');
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('closes every socket when the server closes', async () => {
    const client = await connect(url);
    clients.push(client);
    client.send({ type: 'subscribe', topics: [`note:${randomUUID()}`] });
    await client.waitFor((m) => m.type === 'subscribed');
    await app.close();
    const { code } = await client.closed;
    // A clean close (1005: @fastify/websocket sends no code), not a dropped connection (1006).
    expect([1000, 1001, 1005]).toContain(code);
  });
});
