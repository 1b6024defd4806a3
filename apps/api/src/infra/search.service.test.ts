import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { asc, eq, gt, inArray } from 'drizzle-orm';
import pino from 'pino';
import { searchOutbox, users } from '@mutirao/db';
import { Meilisearch, createSearchEngine, defineIndex, filterEquals } from '@mutirao/search';
import { createTestHub, type TestHub } from '../../../../tests/fixtures/harness';
import { unreachableMeiliUrl } from '../../../../tests/fixtures/meili';
import { createSearchService } from './search.service';

const silent = pino({ level: 'silent' });

/** A tiny index over the users table, standing in for a domain's index. */
const people = defineIndex<{ id: string; name: string; country: string }>({
  name: 'people',
  primaryKey: 'id',
  settings: { searchableAttributes: ['name'], filterableAttributes: ['country', 'name'] },
  async load(db, ids) {
    return db
      .select({ id: users.id, name: users.name, country: users.country })
      .from(users)
      .where(inArray(users.id, ids));
  },
  async listIds(db, { after, limit }) {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(after ? gt(users.id, after) : undefined)
      .orderBy(asc(users.id))
      .limit(limit);
    return rows.map((r) => r.id);
  }
});

let t: TestHub;
let meili: Meilisearch;
let prefixCount = 0;
const freshPrefix = () => `s${process.pid}${Date.now().toString(36)}${prefixCount++}_`;

async function documentIn(uid: string, id: string): Promise<Record<string, unknown> | null> {
  try {
    return await meili.index(uid).getDocument(id);
  } catch {
    return null;
  }
}

async function outboxRows(uid: string) {
  return t.hub.db.select().from(searchOutbox).where(eq(searchOutbox.indexName, uid)).orderBy(asc(searchOutbox.id));
}

beforeAll(async () => {
  t = await createTestHub();
  t.hub.search.register(people);
  const shared = inject('meili');
  meili = new Meilisearch({ host: shared.url, apiKey: shared.masterKey });
});

afterAll(async () => {
  await t?.close();
});

describe('search outbox', () => {
  it('sends a committed change to Meilisearch, and applies the index settings', async () => {
    const user = await t.createUser({ name: 'Ana Souza', country: 'BR' });
    await t.hub.db.transaction((tx) => t.hub.search.enqueue(tx, 'people', user.id, 'upsert'));
    await t.hub.search.drain();

    const uid = t.hub.search.indexName('people');
    expect(await documentIn(uid, user.id)).toMatchObject({ id: user.id, name: 'Ana Souza', country: 'BR' });
    expect(await outboxRows(uid)).toEqual([]);
    const settings = await meili.index(uid).getSettings();
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['country', 'name']));
  });

  it('lets the running worker deliver without being asked, and forgets a rolled-back change', async () => {
    const user = await t.createUser({ name: 'Bruno Lima', country: 'AR' });
    const ghost = await t.createUser({ name: 'Never Indexed', country: 'CL' });
    await expect(
      t.hub.db.transaction(async (tx) => {
        await t.hub.search.enqueue(tx, 'people', ghost.id, 'upsert');
        throw new Error('the write failed');
      })
    ).rejects.toThrow('the write failed');
    await t.hub.db.transaction((tx) => t.hub.search.enqueue(tx, 'people', user.id, 'upsert'));

    const uid = t.hub.search.indexName('people');
    // The worker removes the row right after Meilisearch confirms the document.
    const deadline = Date.now() + 10_000;
    const delivered = async () => !!(await documentIn(uid, user.id)) && (await outboxRows(uid)).length === 0;
    while (!(await delivered()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await documentIn(uid, user.id)).toMatchObject({ name: 'Bruno Lima' });
    expect(await documentIn(uid, ghost.id)).toBeNull();
    expect(await outboxRows(uid)).toEqual([]);
  });

  it('removes the document of a record that no longer exists', async () => {
    const user = await t.createUser({ name: 'Carla Gone' });
    const uid = t.hub.search.indexName('people');
    await t.hub.db.transaction((tx) => t.hub.search.enqueue(tx, 'people', user.id, 'upsert'));
    await t.hub.search.drain();
    expect(await documentIn(uid, user.id)).not.toBeNull();

    await t.hub.db.transaction(async (tx) => {
      await tx.delete(users).where(eq(users.id, user.id));
      await t.hub.search.enqueue(tx, 'people', user.id, 'delete');
    });
    await t.hub.search.drain();
    expect(await documentIn(uid, user.id)).toBeNull();
  });

  it('filters on escaped values, so a hostile value matches only itself', async () => {
    const hostile = await t.createUser({ name: 'x" OR country = "BR', country: 'UY' });
    const plain = await t.createUser({ name: 'Plain Person', country: 'BR' });
    await t.hub.db.transaction(async (tx) => {
      await t.hub.search.enqueue(tx, 'people', hostile.id, 'upsert');
      await t.hub.search.enqueue(tx, 'people', plain.id, 'upsert');
    });
    await t.hub.search.drain();
    const result = await meili
      .index(t.hub.search.indexName('people'))
      .search('', { filter: filterEquals('name', 'x" OR country = "BR'), limit: 50 });
    expect(result.hits.map((h) => h.id)).toEqual([hostile.id]);
  });

  it('keeps changes while Meilisearch is down and delivers them once it is back', async () => {
    const prefix = freshPrefix();
    const uid = `${prefix}people`;
    const down = await createSearchService({
      config: t.config,
      database: t.hub.database,
      log: silent,
      indexPrefix: prefix,
      meili: { url: await unreachableMeiliUrl(), masterKey: 'k'.repeat(24) }
    });
    down.register(people);
    expect(await down.ping()).toBe(false);

    const user = await t.createUser({ name: 'Dora Offline' });
    await t.hub.db.transaction((tx) => down.enqueue(tx, 'people', user.id, 'upsert'));
    expect(await down.drain()).toEqual({ sent: 0, failed: 1 });
    const [row] = await outboxRows(uid);
    expect(row).toMatchObject({ documentId: user.id, op: 'upsert', attempts: 1 });
    expect(row.lastError).toBeTruthy();
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Backing off: an immediate second drain does not hammer the dead server.
    expect(await down.drain()).toEqual({ sent: 0, failed: 0 });
    expect((await outboxRows(uid))[0].attempts).toBe(1);
    await down.close();

    const back = await createSearchService({
      config: t.config,
      database: t.hub.database,
      log: silent,
      indexPrefix: prefix,
      meili: inject('meili')
    });
    back.register(people);
    try {
      expect(await back.ping()).toBe(true);
      expect(await back.drain()).toEqual({ sent: 0, failed: 0 });
      expect(await back.drain({ includeBackedOff: true })).toEqual({ sent: 1, failed: 0 });
      expect(await documentIn(uid, user.id)).toMatchObject({ name: 'Dora Offline' });
      expect(await outboxRows(uid)).toEqual([]);
    } finally {
      await back.close();
      await meili.deleteIndexIfExists(uid);
    }
  });

  it('starts even when the configured Meilisearch is unreachable', async () => {
    const down = await createSearchService({
      config: t.config,
      database: t.hub.database,
      log: silent,
      indexPrefix: freshPrefix(),
      meili: { url: await unreachableMeiliUrl(), masterKey: 'k'.repeat(24) }
    });
    down.register(people);
    await expect(down.start()).resolves.toBeUndefined();
    expect(await down.ping()).toBe(false);
    await down.close();
  });

  it('lets two workers drain one outbox side by side without sending a row twice', async () => {
    const prefix = freshPrefix();
    const uid = `${prefix}people`;
    const client = new Meilisearch({ host: inject('meili').url, apiKey: inject('meili').masterKey });
    const engines = [0, 1].map(() =>
      createSearchEngine({ client, database: t.hub.database, log: silent, indexPrefix: prefix, batchSize: 7 })
    );
    for (const engine of engines) engine.register(people);
    const people3 = await Promise.all([1, 2, 3].map((i) => t.createUser({ name: `Side ${i}` })));
    await t.hub.db.transaction(async (tx) => {
      for (let i = 0; i < 40; i++) await engines[0].enqueue(tx, 'people', people3[i % 3].id, 'upsert');
    });
    try {
      const results = await Promise.all(engines.map((e) => e.drain()));
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(40);
      expect(results.every((r) => r.failed === 0)).toBe(true);
      expect(await outboxRows(uid)).toEqual([]);
      for (const p of people3) expect(await documentIn(uid, p.id)).not.toBeNull();
    } finally {
      await meili.deleteIndexIfExists(uid);
    }
  });

  it('rebuilds an index from Postgres, dropping documents Postgres no longer has', async () => {
    const uid = t.hub.search.indexName('people');
    await t.createUser({ name: 'Only In Postgres' });
    await meili.index(uid).addDocuments([{ id: 'ghost', name: 'Ghost', country: 'ZZ' }]).waitTask();
    expect(await documentIn(uid, 'ghost')).not.toBeNull();

    const [result] = await t.hub.search.reindex('people');
    const count = (await t.hub.db.select({ id: users.id }).from(users)).length;
    expect(result).toEqual({ index: 'people', documents: count });
    expect(await documentIn(uid, 'ghost')).toBeNull();
    const stats = await meili.index(uid).getStats();
    expect(stats.numberOfDocuments).toBe(count);
    const search = await meili.index(uid).search('Only In Postgres', { filter: filterEquals('country', 'BR') });
    expect(search.hits[0]).toMatchObject({ name: 'Only In Postgres' });
    const indexes = await meili.getIndexes({ limit: 1000 });
    expect(indexes.results.map((i) => i.uid)).not.toContain(`${uid}__reindex`);
    await expect(t.hub.search.reindex('nothing_like_this')).rejects.toThrow(/no search index/);
  });
});

