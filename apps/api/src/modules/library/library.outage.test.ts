import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '@mutirao/search';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { startThrowawayMeilisearch, type ThrowawayMeilisearch } from '../../../../../tests/fixtures/meili';
import { libraryFixtures } from './library.fixtures';
import { RESOURCES_INDEX } from './library.search';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

// A Meilisearch of its own, stopped and started again on the same port, key and data.
let meili: ThrowawayMeilisearch;
let restarted: EmbeddedMeilisearch | undefined;
let t: TestHub;
let coordinator: TestUser;
let member: TestUser;
beforeAll(async () => {
  meili = await startThrowawayMeilisearch();
  t = await createTestHub({ MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey });
  coordinator = await t.createUser({ role: 'coordinator' });
  member = await t.createUser();
}, 60_000);
afterAll(async () => {
  await t?.close();
  await restarted?.stop();
  await meili?.destroy();
});

const { create, published, step, search } = libraryFixtures(() => ({ t, coordinator }));

describe('with Meilisearch stopped', () => {
  it('accepts 50 creates, updates and deletes, answers search with 503, and indexes every change once it is back', { timeout: 120_000 }, async () => {
    // Some resources published before the outage: to be edited, withdrawn or deleted during it.
    const before = [];
    for (let i = 0; i < 10; i++) before.push(await published(member, { title: `Antes del corte ${i}` }));
    await t.hub.search.drain();
    expect((await search('q=corte&pageSize=50')).total).toBe(10);

    await meili.stop();
    const down = await t.request({ method: 'GET', url: '/api/library/resources?q=corte' });
    expect(down.statusCode).toBe(503);
    expect(down.json().code).toBe('search_unavailable');

    // 50 changes: 20 new published resources, 5 new drafts, 10 renames, 5 withdrawals, 5 deletions, 5 more renames of new ones.
    const created = [];
    for (let i = 0; i < 20; i++) created.push(await published(member, { title: `Durante el corte ${i}` }));
    const drafts = [];
    for (let i = 0; i < 5; i++) drafts.push(await create(member, { title: `Borrador del corte ${i}` }));
    for (const [i, r] of before.entries()) {
      const response = await t.request({ method: 'PATCH', url: `/api/library/resources/${r.slug}`, cookie: member.cookie, payload: { title: `Renombrado en el corte ${i}` } });
      expect(response.statusCode).toBe(200);
    }
    for (const r of before.slice(0, 5)) expect((await step(coordinator, r.slug, 'request-changes', 'Revisar.')).statusCode).toBe(200);
    for (const r of created.slice(0, 5)) {
      expect((await t.request({ method: 'DELETE', url: `/api/library/resources/${r.slug}`, cookie: coordinator.cookie })).statusCode).toBe(204);
    }
    for (const [i, r] of created.slice(5, 10).entries()) {
      const response = await t.request({ method: 'PATCH', url: `/api/library/resources/${r.slug}`, cookie: member.cookie, payload: { title: `Durante el corte, corregido ${i}` } });
      expect(response.statusCode).toBe(200);
    }

    restarted = await startEmbeddedMeilisearch({ dataDir: meili.dataDir, keyFile: meili.keyFile, log: quiet, port: Number(new URL(meili.url).port) });
    await t.hub.search.drain({ includeBackedOff: true });

    const documents = await t.hub.search.client.index(t.hub.search.indexName(RESOURCES_INDEX)).getDocuments<{ slug: string; title: string }>({ limit: 1000 });
    const bySlug = new Map(documents.results.map((d) => [d.slug, d.title]));
    const expected = new Map<string, string>();
    before.slice(5).forEach((r, i) => expected.set(r.slug, `Renombrado en el corte ${i + 5}`));
    created.slice(5, 10).forEach((r, i) => expected.set(r.slug, `Durante el corte, corregido ${i}`));
    created.slice(10).forEach((r, i) => expected.set(r.slug, `Durante el corte ${i + 10}`));
    expect(Object.fromEntries(bySlug)).toEqual(Object.fromEntries(expected));
    // Nothing withdrawn, deleted or unpublished is there.
    for (const r of [...before.slice(0, 5), ...created.slice(0, 5), ...drafts]) expect(bySlug.has(r.slug)).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/library/resources?q=corte' })).statusCode).toBe(200);
  });
});
