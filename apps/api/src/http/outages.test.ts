import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createDatabase, searchOutbox, type Database } from '@mutirao/db';
import type { FastifyInstance } from 'fastify';
import { createTestHub, type TestHub, type TestUser } from '../../../../tests/fixtures/harness';
import { unreachableMeiliUrl } from '../../../../tests/fixtures/meili';
import { freePort } from '../../../../tests/fixtures/hub-process';
import { buildApp } from '../app';
import { organisationFixtures } from '../modules/organisations/organisations.fixtures';

/**
 * What people get while a dependency is down: clear 503 problems that say
 * what is missing, quickly (never a hang), and writes that still succeed when
 * only search is down.
 */
describe('with Meilisearch down', () => {
  let t: TestHub;
  let coordinator: TestUser;
  beforeAll(async () => {
    t = await createTestHub({ MEILI_URL: await unreachableMeiliUrl(), MEILI_MASTER_KEY: 'a-key-for-nobody-listening' });
    coordinator = await t.createUser({ role: 'coordinator' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says degraded on /api/health, answers the directory with 503 search_unavailable, and keeps taking writes', async () => {
    const health = await t.request({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'degraded', database: 'up', search: 'down', mail: 'up' });

    const directory = await t.request({ method: 'GET', url: '/api/organisations?q=habitat' });
    expect(directory.statusCode).toBe(503);
    expect(directory.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(directory.json()).toMatchObject({ status: 503, code: 'search_unavailable' });

    const fixtures = organisationFixtures(() => ({ t, coordinator }));
    const { org } = await fixtures.approvedOrganisation();
    const [{ waiting }] = await t.hub.db
      .select({ waiting: count() })
      .from(searchOutbox)
      .where(eq(searchOutbox.documentId, org.id));
    // The change waits in the outbox for Meilisearch to come back.
    expect(waiting).toBeGreaterThan(0);
  });
});

describe('with the database unreachable', () => {
  let t: TestHub;
  let member: TestUser;
  let dead: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestHub();
    member = await t.createUser();
    // The same hub, but its database is a Postgres that is not there (a restart, a network split).
    dead = await createDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/gone`, connectTimeoutMs: 300 });
    const { log: _log, ...parts } = t.hub;
    app = await buildApp({ hub: { ...parts, database: dead, db: dead.db } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await dead?.close();
    await t?.close();
  });

  it('answers 503 database_unavailable problems with Retry-After, and /api/health says down', async () => {
    const requests = [
      { method: 'GET' as const, url: '/api/me', headers: { cookie: member.cookie } },
      { method: 'GET' as const, url: '/api/organisations/newest' },
      { method: 'POST' as const, url: '/api/auth/sign-in', payload: { email: member.email, password: member.password } },
      { method: 'PATCH' as const, url: '/api/me', headers: { cookie: member.cookie }, payload: { name: 'Nobody saves this' } }
    ];
    for (const request of requests) {
      const response = await app.inject({ ...request, headers: { origin: 'http://localhost:3000', host: 'localhost:3000', ...request.headers } });
      expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ code: 'database_unavailable' });
      expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    }
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'down', database: 'down' });
  });
});
