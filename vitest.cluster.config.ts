import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:cluster`: tests that start hub processes (several on one Postgres
 * server, DATABASE_URL or the local one at 127.0.0.1:5432; backup and restore).
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
