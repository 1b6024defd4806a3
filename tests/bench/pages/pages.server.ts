// The whole hub (API, bridge and the built SvelteKit pages) in its own process, on a
// database with the demo content, for `pnpm bench pages`. A member account with a
// known password is added so the parent can sign in.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { buildApp } from '../../../apps/api/src/app';
import { seedDemoIfEmpty } from '../../../apps/api/src/cli/seed';
import { loadConfig } from '../../../apps/api/src/config';
import { createVerifiedUser } from '../../../apps/api/src/modules/accounts/accounts.service';
import type { WebHandler } from '../../../apps/api/src/plugins/web';
import { exposeApiToWeb } from '../../../apps/api/src/plugins/web-bridge';
import { startRuntime } from '../../../apps/api/src/runtime';
import { reportReady } from '../lib/servers';

const handlerPath = fileURLToPath(new URL('../../../apps/web/build/handler.js', import.meta.url));
const port = Number(process.env.BENCH_PORT ?? 3998);
const dir = await mkdtemp(join(tmpdir(), 'mutirao-bench-pages-'));
const config = loadConfig({
  DATABASE_URL: process.env.BENCH_DATABASE_URL!,
  DATA_DIR: dir,
  PORT: String(port),
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'true',
  AUTH_RATE_LIMIT: '100000',
  PUBLIC_ORIGIN: `http://localhost:${port}`,
  // A second process on the same database renders every page (0) to show what a render costs.
  PAGE_CACHE_SECONDS: process.env.BENCH_PAGE_CACHE_SECONDS ?? '10'
});
const runtime = await startRuntime(config, pino({ level: 'silent' }));
await seedDemoIfEmpty(runtime, () => {});
// The first process adds the member; a second one on the same database finds it there.
if (process.env.BENCH_PAGE_CACHE_SECONDS !== '0') {
  await createVerifiedUser(runtime, {
    name: 'Bruna Bench',
    email: 'bench-member@example.org',
    password: 'correct horse battery staple',
    role: 'member',
    locale: 'es',
    country: 'BR'
  });
}
await runtime.search.drain();
process.env.ORIGIN = config.publicOrigin;
const web = (await import(pathToFileURL(handlerPath).href)).handler as WebHandler;
const app = await buildApp({ hub: runtime, web });
exposeApiToWeb(app);
await app.listen({ host: '127.0.0.1', port });
reportReady(port, async () => {
  await app.close();
  await runtime.close();
});
