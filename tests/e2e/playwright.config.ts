import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests against a running hub, driving Debian's Chromium (no browser is
 * ever downloaded).
 *
 * - E2E_BASE_URL set (CI, or a hub you started yourself): the tests use it as is.
 * - unset: Playwright starts one with `node scripts/start.mjs` (building the web app
 *   when it is stale) on E2E_PORT (default 3210), with a fresh data folder in
 *   tests/e2e/.data, so it never touches your own `.data`.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const external = process.env.E2E_BASE_URL;
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = external ?? `http://localhost:${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  outputDir: '.artifacts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'es-AR',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  webServer: external
    ? undefined
    : {
        command: 'rm -rf tests/e2e/.data && node scripts/start.mjs',
        cwd: root,
        url: `${baseURL}/api/health`,
        env: {
          ...definedOnly(process.env),
          PORT: String(port),
          PUBLIC_ORIGIN: baseURL,
          DATA_DIR: 'tests/e2e/.data',
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
          // Every test signs in from 127.0.0.1; the per-address limits have their own tests.
          AUTH_RATE_LIMIT: process.env.AUTH_RATE_LIMIT ?? '1000'
        },
        // The first start may build the web app and seed the demo content.
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        // Lets the hub close its database and stop the embedded Meilisearch.
        gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 }
      }
});

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
