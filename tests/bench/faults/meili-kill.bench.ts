import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createVerifiedUser } from '../../../apps/api/src/modules/accounts/accounts.service';
import { createSession } from '../../../apps/api/src/auth/sessions.service';
import type { BenchmarkRun } from '../lib/benchmark';
import { freshDatabase, serverUrl } from '../lib/database';
import { startHubProcess } from '../../fixtures/hub-process';
import { describeMap, processesMatching } from './lib';
import pg from 'pg';

const DATABASE = 'mutirao_bench_meili_kill';
const ORGANISATIONS = 300;
const CHANGES = 200;
/** Every this many changes, one is a suspension (the organisation leaves the public directory). */
const SUSPEND_EVERY = 7;

/**
 * 200 organisation changes (renames, and some suspensions) through the API
 * while the embedded Meilisearch is killed with SIGKILL after the first 40:
 * every write succeeds, /api/health says degraded and the directory answers
 * 503 search_unavailable while it is down, the hub restarts it, and afterwards
 * every change is in the index and no suspended organisation is.
 */
export const runMeiliKillBenchmark: BenchmarkRun = async () => {
  const { url, database } = await freshDatabase(DATABASE);
  const dataDir = await mkdtemp(join(tmpdir(), 'mutirao-meili-kill-'));
  const query = async <T>(text: string) => (await database.db.execute(sql.raw(text))) as unknown as { rows: T[] };
  try {
    await query(
      `insert into organisations (slug, name, name_key, type, countries, hq_city, hq_country, contact_email, description, description_locale, status, approved_at)
       select 'kill-' || g, 'Kill Organisation ' || g, 'kill organisation ' || g, 'ngo', array['BR'], 'Recife', 'BR',
              'k' || g || '@example.org', 'Seeded for the Meilisearch fault benchmark.', 'en', 'approved', now()
       from generate_series(1, ${ORGANISATIONS}) g`
    );
    await query(`insert into search_outbox (index_name, document_id, op) select 'organisations', id::text, 'upsert' from organisations`);
    const coordinator = await createVerifiedUser(
      { db: database.db },
      { name: 'Bench Coordinator', email: 'kill@example.org', password: 'bench password 123', role: 'coordinator', locale: 'en', country: 'BR' }
    );
    const { token } = await createSession(database.db, coordinator.id, {});
    const cookie = `mutirao_session=${token}`;

    const hub = await startHubProcess({ DATA_DIR: dataDir, DATABASE_URL: url, SEED_DEMO: 'false' }, { args: ['--api-only'] });
    try {
      const meiliPattern = `--db-path ${join(dataDir, 'meili')}`;
      const directoryTotal = async () => {
        const response = await fetch(`${hub.url}/api/organisations?pageSize=1`);
        return response.status === 200 ? ((await response.json()) as { total: number }).total : -response.status;
      };
      await until(async () => (await directoryTotal()) === ORGANISATIONS, 60_000, 'the seeded organisations to be indexed');

      const { rows: ids } = await query<{ id: string; slug: string }>(`select id::text as id, slug from organisations order by slug`);
      const writes = new Map<number, number>();
      const healthSeen = new Map<string, number>();
      const directorySeen = new Map<string, number>();
      let killedAt = 0;
      let back = 0;
      let victim = -1;
      const suspended = new Set<string>();

      // Watch health and the directory the whole time, as a monitor and a visitor would.
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          const health = await fetch(`${hub.url}/api/health`).then(async (r) => `${r.status} ${((await r.json()) as { status: string }).status}`, () => 'error');
          healthSeen.set(health, (healthSeen.get(health) ?? 0) + 1);
          const directory = await fetch(`${hub.url}/api/organisations?q=kill`).then(
            async (r) => `${r.status}${r.status === 200 ? '' : ` ${((await r.json()) as { code?: string }).code}`}`,
            () => 'error'
          );
          directorySeen.set(directory, (directorySeen.get(directory) ?? 0) + 1);
          if (killedAt && !back && health.endsWith(' up')) back = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();

      const change = async (i: number) => {
        const { id, slug } = ids[i % ids.length];
        const suspend = i % SUSPEND_EVERY === 3;
        if (suspend) suspended.add(id);
        const response = await fetch(`${hub.url}/api/${suspend ? `admin/organisations/${slug}/suspend` : `organisations/${slug}`}`, {
          method: suspend ? 'POST' : 'PATCH',
          headers: { origin: hub.url, cookie, 'content-type': 'application/json' },
          body: JSON.stringify(suspend ? { reason: 'Benchmark suspension.' } : { name: `Renamed ${i} during the outage test` })
        });
        await response.arrayBuffer();
        writes.set(response.status, (writes.get(response.status) ?? 0) + 1);
      };
      const started = Date.now();
      let next = 0;
      const writer = async () => {
        while (next < CHANGES) {
          const i = next++;
          if (i === 40 && !killedAt) {
            const [meili] = processesMatching(meiliPattern);
            victim = meili?.pid ?? -1;
            process.kill(victim, 'SIGKILL');
            killedAt = Date.now();
            console.log(`  change ${i}: SIGKILL to the embedded Meilisearch (pid ${victim})`);
          }
          await change(i);
        }
      };
      await Promise.all([writer(), writer(), writer(), writer()]);
      const writesDone = Date.now();
      await until(async () => back > 0, 60_000, 'the hub to restart Meilisearch');
      await until(async () => (await query<{ n: number }>('select count(*)::int as n from search_outbox')).rows[0].n === 0, 120_000, 'the outbox to drain');
      const caughtUp = Date.now();
      watching = false;
      await watcher;

      // Compare the index with Postgres, document by document.
      const key = (await readFile(join(dataDir, 'meili-master-key'), 'utf8')).trim();
      const [meili] = processesMatching(meiliPattern);
      const address = meili.args[meili.args.indexOf('--http-addr') + 1];
      await until(async () => {
        const tasks = await fetch(`http://${address}/tasks?statuses=enqueued,processing&limit=1`, { headers: { authorization: `Bearer ${key}` } });
        return ((await tasks.json()) as { total: number }).total === 0;
      }, 60_000, 'Meilisearch to finish its tasks');
      const documents = (await (
        await fetch(`http://${address}/indexes/organisations/documents?limit=5000&fields=id,name`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as { results: Array<{ id: string; name: string }> };
      const indexed = new Map(documents.results.map((d) => [d.id, d.name]));
      const { rows } = await query<{ id: string; name: string; status: string }>(`select id::text as id, name, status from organisations`);
      const stale = rows.filter((r) => r.status === 'approved' && indexed.get(r.id) !== r.name).length;
      const unpublishedInIndex = rows.filter((r) => r.status !== 'approved' && indexed.has(r.id)).length;

      console.log(`  changes: ${CHANGES} (${suspended.size} suspensions) in ${writesDone - started} ms; answers: ${describeMap(writes)}`);
      console.log(`  /api/health seen: ${describeMap(healthSeen)}`);
      console.log(`  directory seen:   ${describeMap(directorySeen)}`);
      console.log(`  Meilisearch back (health up) ${back - killedAt} ms after the kill; outbox drained ${caughtUp - killedAt} ms after it`);
      console.log(`  index vs Postgres: ${indexed.size} documents for ${rows.filter((r) => r.status === 'approved').length} approved; ${stale} stale; ${unpublishedInIndex} suspended still indexed`);

      const targetMet =
        writes.get(200) === CHANGES &&
        [...healthSeen.keys()].includes('200 degraded') &&
        [...directorySeen.keys()].includes('503 search_unavailable') &&
        stale === 0 &&
        unpublishedInIndex === 0 &&
        processesMatching(meiliPattern).length === 1;
      console.log(`  target (writes succeed, degraded health, 503 directory, every change indexed, nothing unpublished): ${targetMet ? 'met' : 'MISSED'}`);
      return { targetMet };
    } finally {
      const exit = await hub.stop();
      if (exit.code !== 0) console.log(hub.output().slice(-3000));
    }
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.end();
  }
};

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
