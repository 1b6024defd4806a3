import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import pino from 'pino';
import { count } from 'drizzle-orm';
import { createDatabase, users, type Database } from '@mutirao/db';
import type { FastifyInstance } from 'fastify';
import { createTestHub, sessionCookieFrom, type TestHub, type TestUser } from '../../../../tests/fixtures/harness';
import { dropDatabase, withDatabase } from '../../../../tests/fixtures/global-setup';
import { buildApp } from '../app';
import { startRuntime } from '../runtime';
import { organisationFixtures, TINY_PNG } from '../modules/organisations/organisations.fixtures';
import { backup, restore, RestoreRefused } from './backup';

/**
 * A backup restored into a fresh database and uploads folder serves the same
 * organisations, people, logos and (after the reindex) search results.
 * On PGlite by default; on the Postgres server when DATABASE_URL is set.
 */
let t: TestHub;
let coordinator: TestUser;
let dir: string;
let archive: string;
const cleanups: Array<() => Promise<void>> = [];

/** An empty database of the same kind as the test hub's, not migrated. */
async function emptyDatabase(): Promise<Database> {
  // eslint-disable-next-line no-restricted-properties -- like the harness, the test picks its database server
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl || !inject('pgTemplate')) {
    const database = await createDatabase({ pgliteDir: 'memory://' });
    cleanups.push(() => database.close());
    return database;
  }
  const name = `mutirao_restore_${process.pid}_${cleanups.length}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await dropDatabase(admin, name);
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await createDatabase({ url: withDatabase(serverUrl, name), poolSize: 2 });
  cleanups.push(async () => {
    await database.close();
    const again = new pg.Client({ connectionString: serverUrl });
    await again.connect();
    await dropDatabase(again, name);
    await again.end();
  });
  return database;
}

beforeAll(async () => {
  t = await createTestHub();
  dir = await mkdtemp(join(tmpdir(), 'mutirao-backup-test-'));
  archive = join(dir, 'hub.tar.gz');
  coordinator = await t.createUser({ name: 'Coordinator', role: 'coordinator' });
  const fixtures = organisationFixtures(() => ({ t, coordinator }));
  const { org, admin } = await fixtures.approvedOrganisation({ name: 'Assessoria Técnica Popular', countries: ['BR', 'UY'] });
  expect((await fixtures.uploadLogo(org.slug, admin.cookie, { name: 'logo.png', type: 'image/png', bytes: TINY_PNG })).statusCode).toBe(200);
  await fixtures.approvedOrganisation({ name: 'Techo Digno', countries: ['UY'] });
  await fixtures.apply(await t.createUser(), { name: 'Pendiente de Revisión' });
  await t.hub.search.drain();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

/** What a person sees of the hub, through the API. */
async function snapshot(app: FastifyInstance, cookie: string) {
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie, host: 'localhost:3000' } });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response;
  };
  const directory = (await get('/api/organisations?pageSize=50')).json();
  const search = (await get('/api/organisations?q=assessoria&country=BR')).json();
  const profiles = [];
  const logos = [];
  for (const item of directory.items as Array<{ slug: string; logoUrl: string | null }>) {
    profiles.push((await get(`/api/organisations/${item.slug}`)).json());
    if (item.logoUrl) logos.push((await get(item.logoUrl)).rawPayload.toString('base64'));
  }
  const queue = (await get('/api/admin/organisations?status=pending')).json();
  const { processingTimeMs: _a, ...directoryShown } = directory;
  const { processingTimeMs: _b, ...searchShown } = search;
  return { directory: directoryShown, search: searchShown, profiles, logos, queue };
}

describe('pnpm hub backup and restore', () => {
  it('restores into a fresh database and uploads folder, and the hub serves the same organisations, people, logos and searches', { timeout: 120_000 }, async () => {
    const before = await snapshot(t.app, coordinator.cookie);
    expect(before.logos).toHaveLength(1);
    expect(before.directory.total).toBe(2);
    expect(before.search.items.map((i: { name: string }) => i.name)).toEqual(['Assessoria Técnica Popular']);

    const written = await backup(t.hub.database, t.config.uploadsDir, archive);
    // The logo, as its three stored sizes.
    expect(written.uploads).toBe(3);
    expect(written.rows).toBeGreaterThan(10);

    const target = await emptyDatabase();
    const uploadsDir = join(dir, 'restored-uploads');
    const restored = await restore(target, uploadsDir, archive);
    expect(restored).toMatchObject({ tables: written.tables, rows: written.rows, uploads: 3 });

    // A second hub on what was restored, with a search index of its own, rebuilt from it.
    const log = pino({ level: 'silent' });
    const config = { ...t.config, uploadsDir };
    const runtime = await startRuntime(config, log, { database: target, indexPrefix: `r${process.pid}${Date.now().toString(36)}_` });
    cleanups.push(() => runtime.close());
    const [rebuilt] = await runtime.search.reindex();
    expect(rebuilt).toEqual({ index: 'organisations', documents: 2 });
    const app = await buildApp({ hub: runtime });
    cleanups.push(() => app.close());
    await app.ready();

    // People come back with their sessions and passwords.
    expect(await snapshot(app, coordinator.cookie)).toEqual(before);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
      payload: { email: coordinator.email, password: coordinator.password }
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(sessionCookieFrom(signIn)).toMatch(/^mutirao_session=/);
    const [people] = await target.db.select({ n: count() }).from(users);
    const [original] = await t.hub.db.select({ n: count() }).from(users);
    expect(people.n).toBe(original.n);

    // Sequences continue after the restored rows: approving writes audit rows, live events,
    // a notification and an outbox row, none of which may collide with a restored id.
    const pending = before.queue.items[0].organisation as { slug: string };
    const approve = await app.inject({
      method: 'POST',
      url: `/api/admin/organisations/${pending.slug}/approve`,
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000', cookie: coordinator.cookie }
    });
    expect(approve.statusCode, approve.body).toBe(200);
  });

  it('refuses to restore over data, unless asked to replace it, and refuses what is not a backup', async () => {
    const target = await emptyDatabase();
    const uploadsDir = join(dir, 'second-uploads');
    await restore(target, uploadsDir, archive, {});
    await expect(restore(target, uploadsDir, archive)).rejects.toThrow(RestoreRefused);
    await expect(restore(target, uploadsDir, archive)).rejects.toThrow(/not empty.*--replace/s);
    const again = await restore(target, uploadsDir, archive, { replace: true });
    expect(again.uploads).toBe(3);

    const bogus = join(dir, 'not-a-backup.tar.gz');
    await writeFile(bogus, 'hello');
    await expect(restore(await emptyDatabase(), join(dir, 'third'), bogus)).rejects.toThrow();
  });
});
