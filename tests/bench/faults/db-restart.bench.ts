import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import WebSocket from 'ws';
import { createDatabase } from '@mutirao/db';
import { createVerifiedUser } from '../../../apps/api/src/modules/accounts/accounts.service';
import { createSession } from '../../../apps/api/src/auth/sessions.service';
import type { BenchmarkRun } from '../lib/benchmark';
import { startHubProcess } from '../../fixtures/hub-process';
import { count, describeMap, percentile, startLoad } from './lib';
import { startPrivatePostgres } from './private-postgres';

const CONNECT_TIMEOUT_MS = 2000;
/** How long the database stays down. */
const OUTAGE_MS = 4000;

/**
 * The database stopped and started again under load: requests meanwhile fail
 * fast with 503 problems (no hangs, no other errors), and the hub recovers by
 * itself: requests succeed again, /api/health is up, and live events flow
 * again (its LISTEN connection came back).
 */
export const runDbRestartBenchmark: BenchmarkRun = async (settings) => {
  const postgres = await startPrivatePostgres();
  const dataDir = await mkdtemp(join(tmpdir(), 'mutirao-db-restart-'));
  try {
    const database = await createDatabase({ url: postgres.url, poolSize: 2 });
    await database.migrate();
    await database.db.execute(
      sql.raw(`insert into organisations (slug, name, name_key, type, countries, hq_city, hq_country, contact_email, description, description_locale, status, approved_at)
       select 'restart-' || g, 'Restart Organisation ' || g, 'restart organisation ' || g, 'ngo', array['BR'], 'Recife', 'BR',
              'r' || g || '@example.org', 'Seeded for the database restart benchmark.', 'en', 'approved', now()
       from generate_series(1, 50) g`)
    );
    const user = await createVerifiedUser(
      { db: database.db },
      { name: 'Bench Person', email: 'restart@example.org', password: 'bench password 123', role: 'member', locale: 'en', country: 'BR' }
    );
    const { token } = await createSession(database.db, user.id, {});
    await database.close();
    const cookie = `mutirao_session=${token}`;

    const hub = await startHubProcess(
      { DATA_DIR: dataDir, DATABASE_URL: postgres.url, SEED_DEMO: 'false', DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS) },
      { args: ['--api-only'] }
    );
    try {
      // A page's live socket, open across the outage.
      const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/live`, { headers: { cookie } });
      const heard: string[] = [];
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: string };
        if (message.type === 'event' && message.id) heard.push(message.id);
      });
      await once(socket, 'open');
      socket.send(JSON.stringify({ type: 'subscribe', topics: [`user:${user.id}`] }));

      const seconds = Math.max(settings.seconds, 14);
      const load = startLoad({
        url: hub.url,
        connections: settings.connections,
        seconds,
        timeoutSeconds: 10,
        requests: [
          { method: 'GET', path: '/api/me', headers: { cookie } },
          { method: 'GET', path: '/api/organisations/newest' }
        ]
      });
      await sleep(3000);
      console.log('  t=3 s: stopping Postgres');
      const stoppedAt = Date.now();
      postgres.stop('fast');
      await sleep(OUTAGE_MS);
      postgres.start();
      const startedAt = Date.now();
      console.log(`  Postgres back after ${startedAt - stoppedAt} ms down`);
      let healthUp = 0;
      while (!healthUp && Date.now() - startedAt < 30_000) {
        const response = await fetch(`${hub.url}/api/health`).catch(() => undefined);
        if (response?.status === 200) healthUp = Date.now();
        else await sleep(100);
      }
      await load.done;

      // Live events flow again: published straight into the database, heard through the hub's LISTEN.
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await client.query('begin');
      const { rows } = await client.query<{ id: string }>(
        'insert into live_events (topic, type, record_id) values ($1, $2, $3) returning id',
        [`user:${user.id}`, 'bench.after_restart', 'after-restart']
      );
      await client.query('select pg_notify($1, $2)', ['mutirao_live', String(rows[0].id)]);
      await client.query('commit');
      await client.end();
      const liveDeadline = Date.now() + 10_000;
      while (!heard.includes('after-restart') && Date.now() < liveDeadline) await sleep(50);
      socket.close();

      const { tally } = load;
      const ok = count(tally.statuses, (s: number) => s >= 200 && s < 300);
      const unavailable = tally.statuses.get(503) ?? 0;
      const other = count(tally.statuses, (s: number) => (s < 200 || s >= 300) && s !== 503);
      const errors = count(tally.errors);
      const lastSeconds = tally.timeline.slice(-3);
      const recoveredAtEnd = lastSeconds.length > 0 && lastSeconds.every(([good, bad, odd, err]) => good > 0 && bad + odd + err === 0);
      const maxLatency = Math.max(...tally.latenciesMs);

      console.log('  per second (2xx / 503 / other / errors):');
      console.log(`    ${tally.timeline.map(([a, b, c, d]) => `${a}/${b}/${c}/${d}`).join('  ')}`);
      console.log(`  answered 2xx: ${ok}; 503: ${unavailable}; other statuses: ${other} (${describeMap(tally.statuses)}); request errors: ${errors} (${describeMap(tally.errors)})`);
      console.log(`  latency p50 ${percentile(tally.latenciesMs, 0.5)} ms, p99 ${percentile(tally.latenciesMs, 0.99)} ms, max ${maxLatency} ms (connect timeout ${CONNECT_TIMEOUT_MS} ms)`);
      console.log(`  /api/health up ${healthUp ? `${healthUp - startedAt} ms after Postgres was back` : 'NEVER'}; last 3 s all 2xx: ${recoveredAtEnd}`);
      console.log(`  live event published after the restart reached the open socket: ${heard.includes('after-restart')}`);

      const targetMet =
        unavailable > 0 && other === 0 && errors === 0 && maxLatency < CONNECT_TIMEOUT_MS + 3000 && healthUp > 0 && recoveredAtEnd && heard.includes('after-restart');
      console.log(`  target (503s not hangs, nothing else fails, recovers by itself, live resumes): ${targetMet ? 'met' : 'MISSED'}`);
      if (!targetMet) console.log(hub.output().slice(-3000));
      return { targetMet };
    } finally {
      await hub.stop();
    }
  } finally {
    await postgres.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
