/**
 * `pnpm bench events-registration`: a registration burst. 500 people register for an
 * event with 100 seats at the same moment, over HTTP, against one hub on the
 * Postgres server (its default pool of 10). Prints throughput, latency percentiles
 * and the final counts; the target is exact counts (100 confirmed, 400 waitlisted,
 * positions 1…400 each once) with every request answered 201.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { eventRegistrations, events, users } from '@mutirao/db';
import { buildApp } from '../../apps/api/src/app';
import { loadConfig } from '../../apps/api/src/config';
import { startRuntime } from '../../apps/api/src/runtime';
import { createSession } from '../../apps/api/src/auth/sessions.service';
import { createEvent, publishEvent } from '../../apps/api/src/modules/events/events.manage.service';
import { eventBody } from '../../apps/api/src/modules/events/events.fixtures';
import type { EventCreateInput } from '@mutirao/shared';
import type { BenchmarkRun } from './lib/benchmark';
import { freshDatabase } from './lib/database';

const PEOPLE = 500;
const SEATS = 100;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const runEventsRegistrationBench: BenchmarkRun = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mutirao-bench-events-'));
  const { url, database } = await freshDatabase('mutirao_bench_events');
  await database.close();
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false', PUBLIC_ORIGIN: 'http://localhost:3998' });
  const runtime = await startRuntime(config, pino({ level: 'silent' }));
  const app = await buildApp({ hub: runtime });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    // People straight into the table: hashing 500 passwords would measure argon2, not registration.
    const inserted = await runtime.db
      .insert(users)
      .values(
        Array.from({ length: PEOPLE + 1 }, (_, i) => ({
          email: `p${i}@bench.example.org`,
          emailNormalized: `p${i}@bench.example.org`,
          name: `Person ${i}`,
          passwordHash: 'not-a-hash',
          role: i === 0 ? ('coordinator' as const) : ('member' as const),
          country: 'BR',
          emailVerifiedAt: new Date()
        }))
      )
      .returning({ id: users.id });
    const coordinator = { id: inserted[0].id, role: 'coordinator' as const, emailVerified: true };
    const event = await createEvent(runtime, coordinator, eventBody({ capacity: SEATS }) as EventCreateInput);
    await publishEvent(runtime, coordinator, event.id);
    const cookies = await Promise.all(
      inserted.slice(1).map(async ({ id }) => `${app.sessionCookieName}=${(await createSession(runtime.db, id, { ip: '127.0.0.1', userAgent: 'bench' })).token}`)
    );

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();
    await Promise.all(
      cookies.map(async (cookie) => {
        const t0 = performance.now();
        const response = await fetch(`${base}/api/events/${event.id}/registration`, {
          method: 'POST',
          headers: { cookie, origin: config.publicOrigin, host: new URL(config.publicOrigin).host, 'content-type': 'application/json' },
          body: '{}'
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      })
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const [counters] = await runtime.db.select().from(events).where(eq(events.id, event.id));
    const rows = await runtime.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    const confirmed = rows.filter((r) => r.status === 'confirmed').length;
    const waitlisted = rows.filter((r) => r.status === 'waitlisted').length;
    const people = new Set(rows.map((r) => r.userId)).size;
    console.log(`events-registration: ${PEOPLE} concurrent registrations for ${SEATS} seats over HTTP (pool ${config.database.poolSize})`);
    console.log(`  answers      ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}`);
    console.log(`  throughput   ${(PEOPLE / seconds).toFixed(0)} registrations/s (${seconds.toFixed(2)} s in all)`);
    console.log(`  latency      p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`);
    console.log(`  final        ${confirmed} confirmed, ${waitlisted} waitlisted, ${rows.length} rows for ${people} people; counters ${counters.confirmedCount}/${counters.waitlistCount}`);
    const targetMet =
      statuses.get(201) === PEOPLE &&
      confirmed === SEATS &&
      waitlisted === PEOPLE - SEATS &&
      rows.length === PEOPLE &&
      people === PEOPLE &&
      counters.confirmedCount === SEATS &&
      counters.waitlistCount === PEOPLE - SEATS;
    console.log(`  target       exactly ${SEATS} confirmed and ${PEOPLE - SEATS} waitlisted, every request 201: ${targetMet ? 'met' : 'MISSED'}`);
    return { targetMet };
  } finally {
    await app.close();
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
};
