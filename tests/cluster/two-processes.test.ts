import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '@mutirao/db';
import { createVerifiedUser } from '../../apps/api/src/modules/accounts/accounts.service';
import { createSession } from '../../apps/api/src/auth/sessions.service';
import { startHubProcess, type HubProcess } from '../fixtures/hub-process';
import { startThrowawayMeilisearch, type ThrowawayMeilisearch } from '../fixtures/meili';

/**
 * Two hub processes (`node --import tsx apps/api/src/server.ts`, as deployed) on
 * one Postgres database and one Meilisearch, as behind a load balancer:
 * - a live event from a write on one reaches a websocket on the other;
 * - a search outbox row is sent once, however many workers wake for it;
 * - `pnpm hub reindex` in a third process does not race their outbox workers;
 * - a job (a mail) runs once, whichever process's runner takes it.
 *
 * Needs a Postgres server: DATABASE_URL, or the local one CI uses. Run with
 * `pnpm test:cluster`.
 */
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const root = fileURLToPath(new URL('../..', import.meta.url));
const databaseName = `mutirao_cluster_${process.pid}`;
const ORGANISATIONS = 1500;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

let meili: ThrowawayMeilisearch;
let database: Database;
let url: string;
let env: Record<string, string>;
const hubs: HubProcess[] = [];
const dirs: string[] = [];

/** Plain SQL on the test's own connection to the hubs' database. */
async function query<T>(text: string): Promise<{ rows: T[] }> {
  return (await database.db.execute(sql.raw(text))) as unknown as { rows: T[] };
}

async function meiliGet<T>(path: string): Promise<T> {
  const response = await fetch(`${meili.url}${path}`, { headers: { authorization: `Bearer ${meili.masterKey}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Waits until no outbox row is left and Meilisearch has processed everything it was sent. */
async function settled(timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await query<{ n: number }>('select count(*)::int as n from search_outbox');
    const busy = await meiliGet<{ total: number }>('/tasks?statuses=enqueued,processing&limit=1');
    if (rows[0].n === 0 && busy.total === 0) return;
    if (Date.now() > deadline) throw new Error(`not settled: ${rows[0].n} outbox rows, ${busy.total} Meilisearch tasks`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startHub(name: string): Promise<HubProcess> {
  const dir = await mkdtemp(join(tmpdir(), `mutirao-${name}-`));
  dirs.push(dir);
  const hub = await startHubProcess({ ...env, DATA_DIR: dir }, { args: ['--api-only'] });
  hubs.push(hub);
  return hub;
}

async function signedIn(role: 'member' | 'coordinator', name: string) {
  const email = `${name.toLowerCase()}.${process.pid}@example.org`;
  const user = await createVerifiedUser({ db: database.db }, { name, email, password: 'a long cluster passphrase', role, locale: 'en', country: 'BR' });
  const session = await createSession(database.db, user.id, {});
  return { id: user.id, cookie: `mutirao_session=${session.token}` };
}

beforeAll(async () => {
  await admin(async (client) => {
    await client.query(`drop database if exists ${databaseName} with (force)`);
    await client.query(`create database ${databaseName}`);
  });
  url = withDatabase(serverUrl, databaseName);
  meili = await startThrowawayMeilisearch();
  env = {
    DATABASE_URL: url,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    SEED_DEMO: 'false',
    NODE_ENV: 'test',
    AUTH_RATE_LIMIT: '100000'
  };
  // Both start at once: migrations take turns under an advisory lock.
  await Promise.all([startHub('a'), startHub('b')]);
  database = await createDatabase({ url, poolSize: 2 });
}, 180_000);

afterAll(async () => {
  for (const hub of hubs) hub.kill();
  await database?.close();
  await meili?.destroy();
  await admin((client) => client.query(`drop database if exists ${databaseName} with (force)`)).catch(() => {});
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('two hub processes on one database and one Meilisearch', () => {
  it('delivers a live event from a write on one to a websocket on the other', async () => {
    const [a, b] = hubs;
    const coordinator = await signedIn('coordinator', 'Coordinator');
    const applicant = await signedIn('member', 'Applicant');
    const apply = await fetch(`${b.url}/api/organisations`, {
      method: 'POST',
      headers: { origin: b.url, cookie: applicant.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Cooperativa Habitacional do Sul',
        type: 'ngo',
        countries: ['BR'],
        hqCity: 'Porto Alegre',
        hqCountry: 'BR',
        contactEmail: 'contato@cooperativa.example.org',
        description: 'Moradia por ajuda mútua.',
        descriptionLocale: 'pt',
        themes: []
      })
    });
    expect(apply.status, await apply.clone().text()).toBe(201);
    const org = ((await apply.json()) as { organisation: { id: string; slug: string } }).organisation;

    const socket = new WebSocket(`${b.url.replace('http', 'ws')}/api/live`, { headers: { cookie: applicant.cookie } });
    const messages: Array<{ type: string; topic?: string; event?: string }> = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'subscribe', topics: [`user:${applicant.id}`] }));
    await until(() => messages.some((m) => m.type === 'subscribed'));

    const started = Date.now();
    const approve = await fetch(`${a.url}/api/admin/organisations/${org.slug}/approve`, {
      method: 'POST',
      headers: { origin: a.url, cookie: coordinator.cookie }
    });
    expect(approve.status).toBe(200);
    await until(() => messages.some((m) => m.type === 'event' && m.event === 'notification.created'));
    console.log(`live: a write on process A reached a socket on process B ${Date.now() - started} ms after the request started`);
    socket.close();
  });

  it('closes a socket on one when its session is signed out on the other', async () => {
    const [a, b] = hubs;
    const person = await signedIn('member', 'Leaving');
    const socket = new WebSocket(`${b.url.replace('http', 'ws')}/api/live`, { headers: { cookie: person.cookie } });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await once(socket, 'open');
    const started = Date.now();
    const signOut = await fetch(`${a.url}/api/auth/sign-out`, { method: 'POST', headers: { origin: a.url, cookie: person.cookie } });
    expect(signOut.status).toBe(204);
    expect(await closed).toBe(4401);
    console.log(`live: signed out on process A, the socket on process B closed ${Date.now() - started} ms after the request started`);
  });

  it('sends each search outbox row once, with both workers awake', async () => {
    await seedApprovedOrganisations(ORGANISATIONS);
    await settled();
    const before = await meiliGet<{ results: Array<{ uid: number }> }>('/tasks?limit=1');
    const marker = before.results[0]?.uid ?? -1;

    // One row per organisation, committed at once: both processes hear the NOTIFY and race for them.
    await database.db.transaction(async (tx) => {
      await tx.execute(
        sql.raw(`insert into search_outbox (index_name, document_id, op) select 'organisations', id::text, 'upsert' from organisations where status = 'approved'`)
      );
      await tx.execute(sql`select pg_notify('mutirao_search', 'organisations')`);
    });
    await settled();
    const tasks = await meiliGet<{ results: Array<{ uid: number; type: string; details?: { receivedDocuments?: number } }> }>(
      '/tasks?indexUids=organisations&types=documentAdditionOrUpdate&limit=1000'
    );
    const sent = tasks.results.filter((task) => task.uid > marker);
    const documents = sent.reduce((sum, task) => sum + (task.details?.receivedDocuments ?? 0), 0);
    console.log(`outbox: ${ORGANISATIONS + 1} rows sent in ${sent.length} batches, ${documents} documents`);
    expect(documents).toBe(ORGANISATIONS + 1);
  });

  it('runs each job once with both job runners awake: one mail per request, from one process', async () => {
    const PEOPLE = 40;
    const people = await Promise.all(
      Array.from({ length: PEOPLE }, (_, i) =>
        createVerifiedUser(
          { db: database.db },
          { name: `Pessoa ${i}`, email: `jobs-${i}.${process.pid}@example.org`, password: 'a long cluster passphrase', role: 'member', locale: 'pt', country: 'BR' }
        )
      )
    );
    // Half the requests reach each process; each enqueues one job, which either runner may take.
    await Promise.all(
      people.map(async (person, i) => {
        const hub = hubs[i % 2];
        const response = await fetch(`${hub.url}/api/auth/password-reset/request`, {
          method: 'POST',
          headers: { origin: hub.url, 'content-type': 'application/json' },
          body: JSON.stringify({ email: person.email })
        });
        expect(response.status).toBe(202);
      })
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await query<{ n: number }>(`select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active')`);
      if (rows[0].n === 0) break;
      if (Date.now() > deadline) throw new Error(`${rows[0].n} jobs still waiting`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sent: Array<{ to: string; process: string }> = [];
    for (const [index, dir] of dirs.slice(0, 2).entries()) {
      const files = await readdir(join(dir, 'mail')).catch(() => [] as string[]);
      for (const file of files.filter((f) => f.endsWith('.json'))) {
        const mail = JSON.parse(await readFile(join(dir, 'mail', file), 'utf8')) as { to: string };
        if (mail.to.startsWith('jobs-')) sent.push({ to: mail.to, process: index === 0 ? 'a' : 'b' });
      }
    }
    const byProcess = { a: sent.filter((m) => m.process === 'a').length, b: sent.filter((m) => m.process === 'b').length };
    console.log(`jobs: ${PEOPLE} requests → ${sent.length} mails (process a sent ${byProcess.a}, b ${byProcess.b})`);
    expect(sent.map((m) => m.to).sort()).toEqual(people.map((p) => p.email).sort());
  });

  it('lets `pnpm hub reindex` rebuild the index while both workers send renames, and loses none', async () => {
    const [a, b] = hubs;
    const coordinator = await signedIn('coordinator', 'Renamer');
    // Paths name an organisation by its slug, which no longer follows renames once approved.
    const { rows: ids } = await query<{ id: string; slug: string }>(`select id::text as id, slug from organisations where status = 'approved' order by id`);
    let renaming = true;
    let renames = 0;
    const renamer = (hub: HubProcess, offset: number) =>
      (async () => {
        for (let i = offset; renaming; i += 2) {
          const { id, slug } = ids[(i * 7919) % ids.length];
          const response = await fetch(`${hub.url}/api/organisations/${slug}`, {
            method: 'PATCH',
            headers: { origin: hub.url, cookie: coordinator.cookie, 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Renamed ${i} ${id.slice(0, 8)}` })
          });
          expect(response.status, await response.text()).toBe(200);
          renames++;
        }
      })();
    const writers = [renamer(a, 0), renamer(b, 1)];
    await new Promise((resolve) => setTimeout(resolve, 300));

    const reindex = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/cli/hub.ts', 'reindex'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env, DATA_DIR: dirs[0], LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    reindex.stdout.on('data', (chunk: Buffer) => (output += chunk));
    reindex.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const [code] = (await once(reindex, 'exit')) as [number];
    renaming = false;
    await Promise.all(writers);
    expect(code, output).toBe(0);
    expect(output).toContain('Search indexes rebuilt');
    await settled();

    const { rows: names } = await query<{ id: string; name: string }>(`select id::text as id, name from organisations where status = 'approved'`);
    const indexed = await meiliGet<{ results: Array<{ id: string; name: string }> }>('/indexes/organisations/documents?limit=5000&fields=id,name');
    const inIndex = new Map(indexed.results.map((d) => [d.id, d.name]));
    const stale = names.filter((row) => inIndex.get(row.id) !== row.name);
    console.log(`reindex: ${renames} renames through both processes during the rebuild; ${stale.length} stale documents afterwards`);
    expect(renames).toBeGreaterThan(10);
    expect(inIndex.size).toBe(names.length);
    expect(stale).toEqual([]);
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Many approved organisations at once, straight into the table (the directory loader reads them from there). */
async function seedApprovedOrganisations(n: number) {
  await query(
    `insert into organisations (slug, name, name_key, type, countries, hq_city, hq_country, contact_email, description, description_locale, status, approved_at)
     select 'cluster-' || g, 'Cluster Organisation ' || g, 'cluster organisation ' || g, 'ngo', array['BR'], 'Recife', 'BR',
            'c' || g || '@example.org', 'Seeded for the two-process test.', 'en', 'approved', now()
     from generate_series(1, ${n}) g`
  );
}
