// The hub as it runs in production, minus the pages and the request log:
// startRuntime (pg pool, embedded Meilisearch, live hub, search worker) + buildApp.
import pino from 'pino';
import { buildApp } from '../../../apps/api/src/app';
import { loadConfig } from '../../../apps/api/src/config';
import { startRuntime } from '../../../apps/api/src/runtime';
import { reportReady } from '../lib/servers';

const config = loadConfig({
  NODE_ENV: 'production',
  PUBLIC_ORIGIN: 'http://127.0.0.1',
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  DATA_DIR: process.env.BENCH_DATA_DIR,
  SEED_DEMO: 'false',
  LOG_LEVEL: 'silent'
});
const runtime = await startRuntime(config, pino({ level: 'silent' }));
const app = await buildApp({ hub: runtime });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
reportReady(typeof address === 'object' && address ? address.port : 0, async () => {
  await app.close();
  await runtime.close();
});
