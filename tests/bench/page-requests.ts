/**
 * `pnpm bench page-requests`: how many in-process API requests, and how many session
 * look-ups in Postgres, one signed-in page costs: a profile page view and a "join"
 * click (a form post without JavaScript, which also renders the page again).
 * The hub runs in this process with the built web app (run `pnpm build` first).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { API_BRIDGE_KEY } from '@mutirao/shared';
import { buildApp } from '../../apps/api/src/app';
import { loadConfig } from '../../apps/api/src/config';
import { startRuntime } from '../../apps/api/src/runtime';
import { createVerifiedUser } from '../../apps/api/src/modules/accounts/accounts.service';
import { createSession } from '../../apps/api/src/auth/sessions.service';
import type { WebHandler } from '../../apps/api/src/plugins/web';
import { exposeApiToWeb } from '../../apps/api/src/plugins/web-bridge';
import type { BenchmarkRun } from './lib/benchmark';
import { freshDatabase } from './lib/database';

const handlerPath = fileURLToPath(new URL('../../apps/web/build/handler.js', import.meta.url));

/** Counts every query that reads the sessions table (the prepared look-up included). */
function countSessionLookups(): { read(): number } {
  let count = 0;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string; name?: string };
    const text = typeof config === 'string' ? config : `${config?.name ?? ''} ${config?.text ?? ''}`;
    if (/from\s+"?sessions"?/i.test(text)) count++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { read: () => count };
}

export const runPageRequestsBench: BenchmarkRun = async () => {
  if (!existsSync(handlerPath)) throw new Error('apps/web/build is missing: run `pnpm build` first');
  const dir = await mkdtemp(join(tmpdir(), 'mutirao-bench-pages-'));
  const { url, database } = await freshDatabase('mutirao_bench_pages');
  await database.close();
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false', PUBLIC_ORIGIN: 'http://localhost:3999' });
  const runtime = await startRuntime(config, pino({ level: 'silent' }));
  process.env.ORIGIN = config.publicOrigin;
  const web = (await import(pathToFileURL(handlerPath).href)).handler as WebHandler;
  const app = await buildApp({ hub: runtime, web });
  exposeApiToWeb(app);
  await app.listen({ host: '127.0.0.1', port: 3999 });

  const key = Symbol.for(API_BRIDGE_KEY);
  const bridge = (globalThis as Record<symbol, { inject: (...args: unknown[]) => Promise<unknown> }>)[key];
  let injects = 0;
  (globalThis as Record<symbol, unknown>)[key] = {
    inject: (...args: unknown[]) => {
      injects++;
      return bridge.inject(...args);
    }
  };
  const sessions = countSessionLookups();

  try {
    const applicant = await createVerifiedUser(runtime, { name: 'Ana', email: 'ana@example.org', password: 'correct horse battery', role: 'member', locale: 'en', country: 'BR' });
    const coordinator = await createVerifiedUser(runtime, { name: 'Coord', email: 'coord@example.org', password: 'correct horse battery', role: 'coordinator', locale: 'en', country: 'BR' });
    const member = await createVerifiedUser(runtime, { name: 'Bea', email: 'bea@example.org', password: 'correct horse battery', role: 'member', locale: 'en', country: 'AR' });
    const cookieOf = async (id: string) => `mutirao_session=${(await createSession(runtime.db, id, { ip: '127.0.0.1', userAgent: 'bench' })).token}`;
    const origin = config.publicOrigin;
    const applied = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { origin, cookie: await cookieOf(applicant.id) },
      payload: { name: 'Vivienda Digna', type: 'ngo', countries: ['AR'], hqCity: 'Rosario', hqCountry: 'AR', contactEmail: 'info@example.org', description: 'Vivienda.', descriptionLocale: 'es' }
    });
    const slug = applied.json().organisation.slug as string;
    await app.inject({ method: 'POST', url: `/api/admin/organisations/${slug}/approve`, headers: { origin, cookie: await cookieOf(coordinator.id) } });
    const cookie = await cookieOf(member.id);

    const measure = async (label: string, send: () => Promise<Response>) => {
      const [i0, s0] = [injects, sessions.read()];
      const response = await send();
      const body = await response.text();
      if (response.status !== 200) console.log(label, response.status, body.slice(0, 500));
      return { label, status: response.status, injects: injects - i0, sessionLookups: sessions.read() - s0 };
    };
    const rows = [
      await measure('profile page view (signed in)', () => fetch(`${origin}/organisations/${slug}`, { headers: { cookie, accept: 'text/html' } })),
      await measure('"join" click without JavaScript (action + page)', () =>
        fetch(`${origin}/organisations/${slug}?/join`, {
          method: 'POST',
          headers: { cookie, origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
          body: 'message=Hola',
          redirect: 'manual'
        })
      )
    ];
    console.log('\n  what                                              status  in-process requests  session look-ups');
    for (const row of rows) {
      console.log(`  ${row.label.padEnd(50)} ${String(row.status).padEnd(7)} ${String(row.injects).padEnd(20)} ${row.sessionLookups}`);
    }
    // A render validates the session once; a change (the action) validates afresh, and the
    // page it renders afterwards once more: at most one look-up per render plus one per change.
    const [view, join] = rows;
    return { targetMet: rows.every((row) => row.status === 200) && view.sessionLookups <= 1 && join.sessionLookups <= 3 };
  } finally {
    await app.close();
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
};
