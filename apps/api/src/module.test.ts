import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineIndex } from '@mutirao/search';
import { notificationKinds } from '@mutirao/shared';
import { createTestHub, type TestHub } from '../../../tests/fixtures/harness';
import { checkModules, defineModule, registerModules, type HubModule } from './module';
import { modules } from './modules/index';

const index = (name: string) =>
  defineIndex<{ id: string }>({ name, primaryKey: 'id', settings: {}, load: async () => [], listIds: async () => [] });
const allow = async () => true;
const inboundHandler = () => ({ acceptsRecipient: async () => false, deliver: async () => {} });

describe('module descriptors', () => {
  it('refuse a malformed name or an unqualified action where they are written', () => {
    expect(() => defineModule({ name: 'Events' })).toThrow(/module name/);
    expect(() => defineModule({ name: 'events', authActions: { edit: 'Organisers.' } })).toThrow(/<record>\.<verb>/);
    expect(defineModule({ name: 'events', authActions: { 'event.edit': 'Organisers.' } }).name).toBe('events');
  });

  it.each<[string, HubModule, HubModule]>([
    ['module', { name: 'events' }, { name: 'events' }],
    ['search index', { name: 'events', searchIndexes: [index('events')] }, { name: 'library', searchIndexes: [index('events')] }],
    ['live topic', { name: 'events', liveTopics: { event: allow } }, { name: 'library', liveTopics: { event: allow } }],
    [
      'notification kind',
      { name: 'events', notificationKinds: ['organisation.approved'] },
      { name: 'library', notificationKinds: ['organisation.approved'] }
    ],
    ['action', { name: 'events', authActions: { 'event.edit': 'a' } }, { name: 'library', authActions: { 'event.edit': 'b' } }],
    ['inbound mail', { name: 'events', inboundMail: inboundHandler }, { name: 'library', inboundMail: inboundHandler }]
  ])('refuse two domains claiming the same %s', (what, first, second) => {
    expect(() => checkModules([first, second])).toThrow(new RegExp(`${what} .* claimed by both ${first.name} and ${second.name}`));
    expect(() => checkModules([first])).not.toThrow();
  });

  it("refuse a domain taking the live hub's own user:<id> topic", () => {
    expect(() => checkModules([{ name: 'events', liveTopics: { user: allow } }])).toThrow(/built into the live hub/);
  });
});

describe('the registry', () => {
  it('is consistent, and every notification kind in packages/shared belongs to exactly one domain', () => {
    expect(() => checkModules(modules)).not.toThrow();
    const owners = new Map<string, string[]>();
    for (const module of modules) {
      for (const kind of module.notificationKinds ?? []) owners.set(kind, [...(owners.get(kind) ?? []), module.name]);
    }
    expect(Object.fromEntries(notificationKinds.map((kind) => [kind, owners.get(kind)?.length ?? 0]))).toEqual(
      Object.fromEntries(notificationKinds.map((kind) => [kind, 1]))
    );
  });
});

describe('a running hub', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await createTestHub();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rebuilds exactly the indexes the domains declare (what `pnpm hub reindex` runs)', async () => {
    const declared = modules.flatMap((m) => (m.searchIndexes ?? []).map((i) => i.name)).sort();
    expect(declared.length).toBeGreaterThan(0);
    const rebuilt = (await t.hub.search.reindex()).map((r) => r.index).sort();
    expect(rebuilt).toEqual(declared);
  });

  it('gives a domain its live topic rule (called with the hub) and its index', async () => {
    const probe: HubModule = {
      name: 'probe',
      searchIndexes: [index('probe')],
      liveTopics: { probe: async (hub, actor, id) => hub.db === t.hub.db && actor === null && id === 'open' }
    };
    expect(await t.hub.live.canRead(null, 'probe:open')).toBe(false);
    registerModules(t.hub, [probe]);
    expect(await t.hub.live.canRead(null, 'probe:open')).toBe(true);
    expect(await t.hub.live.canRead(null, 'probe:closed')).toBe(false);
    expect(await t.hub.search.reindex('probe')).toEqual([{ index: 'probe', documents: 0 }]);
  });
});
