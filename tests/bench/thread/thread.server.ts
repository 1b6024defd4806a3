// The hub (API, and the built pages when apps/web/build exists) in its own process for
// `pnpm bench thread`, on a fresh database holding one thread with 1,000 replies and
// the people the benchmark signs in as. What the parent needs (the thread, session
// cookies) is written to BENCH_OUT before the hub listens.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { users } from '@mutirao/db';
import { sessionCookieName } from '@mutirao/shared';
import { buildApp } from '../../../apps/api/src/app';
import { createSession } from '../../../apps/api/src/auth/sessions.service';
import { loadConfig } from '../../../apps/api/src/config';
import { reply } from '../../../apps/api/src/modules/discussions/discussions.posts.service';
import { createThread } from '../../../apps/api/src/modules/discussions/discussions.threads.service';
import type { WebHandler } from '../../../apps/api/src/plugins/web';
import { exposeApiToWeb } from '../../../apps/api/src/plugins/web-bridge';
import { startRuntime } from '../../../apps/api/src/runtime';
import { reportReady } from '../lib/servers';

export interface ThreadBenchSetup {
  threadId: string;
  /** Session cookies of the viewers (one person each). */
  viewers: string[];
  /** The person who replies during the fan-out measurement. */
  poster: string;
  origin: string;
  web: boolean;
}

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 50);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 1000);
const AUTHORS = 20;

const handlerPath = fileURLToPath(new URL('../../../apps/web/build/handler.js', import.meta.url));
const port = Number(process.env.BENCH_PORT ?? 3997);
const dir = await mkdtemp(join(tmpdir(), 'mutirao-bench-thread-'));
const config = loadConfig({
  DATABASE_URL: process.env.BENCH_DATABASE_URL!,
  DATA_DIR: dir,
  PORT: String(port),
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  AUTH_RATE_LIMIT: '100000',
  PUBLIC_ORIGIN: `http://localhost:${port}`
});
const runtime = await startRuntime(config, pino({ level: 'silent' }));

// People straight into the table (hashing passwords would measure argon2), two days
// old so the new-account limits do not apply.
const twoDaysAgo = new Date(Date.now() - 2 * 86400_000);
const people = await runtime.db
  .insert(users)
  .values(
    Array.from({ length: AUTHORS + VIEWERS + 1 }, (_, i) => ({
      email: `t${i}@bench.example.org`,
      emailNormalized: `t${i}@bench.example.org`,
      name: `Persona ${i}`,
      passwordHash: 'not-a-hash',
      role: 'member' as const,
      country: 'BR',
      emailVerifiedAt: twoDaysAgo,
      createdAt: twoDaysAgo
    }))
  )
  .returning({ id: users.id });
const actor = (i: number) => ({ id: people[i].id, role: 'member' as const, emailVerified: true });
const cookieOf = async (i: number) => `${sessionCookieName(config.production)}=${(await createSession(runtime.db, people[i].id, { ip: '127.0.0.1', userAgent: 'bench' })).token}`;

const thread = await createThread(runtime, actor(0), {
  kind: 'question',
  title: '¿Cómo organizar un fondo rotatorio para mejoras de vivienda?',
  body: 'Buscamos experiencias de **microcrédito** y ahorro previo en barrios populares.',
  theme: 'housing_finance',
  language: 'es',
  countries: ['PE', 'BR'],
  tags: ['microcrédito']
});
const paragraph =
  'En nuestro barrio el fondo empezó con el ahorro de 30 familias y un aporte municipal. Cada préstamo se devuelve en 18 cuotas y lo que vuelve financia la siguiente mejora: techos, baños y ampliaciones. Lo difícil fue la asistencia técnica, que pagamos con una parte de los intereses.';
const started = performance.now();
for (let i = 0; i < REPLIES; i++) {
  await reply(runtime, actor(1 + (i % AUTHORS)), thread.id, { body: `**Respuesta ${i + 1}.** ${paragraph}\n\n- paso uno\n- paso dos` });
}
await runtime.search.drain();
// What autovacuum would have done on a live hub by now: planner statistics for the new rows.
await runtime.db.execute(sql`analyze`);
console.log(`  seeded       ${REPLIES} replies in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const viewers = await Promise.all(Array.from({ length: VIEWERS }, (_, i) => cookieOf(1 + AUTHORS + i)));
const setup: ThreadBenchSetup = { threadId: thread.id, viewers, poster: await cookieOf(1), origin: config.publicOrigin, web: existsSync(handlerPath) };
await writeFile(process.env.BENCH_OUT!, JSON.stringify(setup));

let web: WebHandler | undefined;
if (setup.web) {
  process.env.ORIGIN = config.publicOrigin;
  web = (await import(pathToFileURL(handlerPath).href)).handler as WebHandler;
}
const app = await buildApp({ hub: runtime, web });
if (web) exposeApiToWeb(app);
await app.listen({ host: '127.0.0.1', port });
reportReady(port, async () => {
  await app.close();
  await runtime.close();
});
