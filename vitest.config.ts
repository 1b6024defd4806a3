import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/api/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'db/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    globalSetup: ['tests/fixtures/global-setup.ts'],
    // Integration tests share one Meilisearch and one Postgres server; two workers fit two cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
});
