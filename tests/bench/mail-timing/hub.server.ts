// The hub as deployed (startRuntime + buildApp, background job runner on), for
// timing the account-mail requests. The per-IP limit on those routes is lifted:
// every request of the benchmark comes from one address.
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
  LOG_LEVEL: 'silent',
  AUTH_RATE_LIMIT: '1000000'
});
const runtime = await startRuntime(config, pino({ level: 'silent' }));
const app = await buildApp({ hub: runtime });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
reportReady(typeof address === 'object' && address ? address.port : 0, async () => {
  await app.close();
  await runtime.close();
});
