import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BRIDGE_KEY } from '@mutirao/shared';
import { createTestHub, ORIGIN, type TestHub } from '../../../../tests/fixtures/harness';
import { exposeApiToWeb, type ApiBridge, type RenderScope } from './web-bridge';

describe('the in-process bridge and its render scope', () => {
  let t: TestHub;
  let bridge: ApiBridge;
  beforeAll(async () => {
    t = await createTestHub();
    exposeApiToWeb(t.app);
    bridge = (globalThis as Record<symbol, ApiBridge>)[Symbol.for(API_BRIDGE_KEY)];
  });
  afterAll(() => t.close());

  const me = (cookie: string, scope?: RenderScope) =>
    bridge.inject({ method: 'GET', url: '/api/me', headers: { cookie, origin: ORIGIN, host: new URL(ORIGIN).host } }, scope);

  it('shares one validation between the reads of a render, and only for the same token', async () => {
    const ana = await t.createUser({ name: 'Ana' });
    const bea = await t.createUser({ name: 'Bea' });
    const scope: RenderScope = {};
    expect((await me(ana.cookie, scope)).json().user.name).toBe('Ana');
    expect(scope.session?.token).toBe(ana.cookie.split('=')[1]);
    // Another person's cookie in the same scope is validated on its own, never answered from Ana's.
    expect((await me(bea.cookie, scope)).json().user.name).toBe('Bea');
  });

  it('tells the visitors’ page cache when anything may have changed: a write here, a live event from anywhere', async () => {
    const ana = await t.createUser();
    const before = bridge.pageCache.epoch();
    expect(bridge.pageCache.seconds).toBe(10);
    await me(ana.cookie);
    expect(bridge.pageCache.epoch()).toBe(before);
    // A write moves it, whatever came of it (here a sign-out with no session).
    const signOut = await bridge.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { origin: ORIGIN, host: new URL(ORIGIN).host } });
    expect(signOut.statusCode).toBe(204);
    expect(bridge.pageCache.epoch()).toBe(before + 1);
    // A live event, heard through NOTIFY as other processes' events are.
    await t.hub.db.transaction((tx) => t.hub.live.publish(tx, { topic: `thread:${ana.id}`, type: 'post.created', id: ana.id }));
    await expect.poll(() => bridge.pageCache.epoch()).toBe(before + 2);
  });

  it('validates afresh after a change in the same render: signed out means signed out', async () => {
    const ana = await t.createUser();
    const scope: RenderScope = {};
    expect((await me(ana.cookie, scope)).statusCode).toBe(200);
    const signOut = await bridge.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: ana.cookie, origin: ORIGIN, host: new URL(ORIGIN).host } }, scope);
    expect(signOut.statusCode).toBe(204);
    expect((await me(ana.cookie, scope)).statusCode).toBe(401);
  });

  it('gives nothing to a request from outside that names a render id', async () => {
    const ana = await t.createUser();
    const scope: RenderScope = {};
    await me(ana.cookie, scope);
    const outside = await t.request({ method: 'GET', url: '/api/me', headers: { 'x-mutirao-render': 'guess' } });
    expect(outside.statusCode).toBe(401);
  });
});
