import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:cluster`: tests that start several hub processes on one Postgres
 * server (DATABASE_URL, or the local one at 127.0.0.1:5432) and one Meilisearch.
 * Kept apart from `pnpm test`, which needs no database server.
 */
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000
  }
});
