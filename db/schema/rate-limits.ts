import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Per-IP request counters for @fastify/rate-limit (apps/api/src/plugins/rate-limit.store.ts),
 * in Postgres so that every process behind a load balancer counts together.
 * `key` is the route and the client address; a row past `expires_at` starts over.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
  },
  (t) => [index('rate_limit_hits_expires_idx').on(t.expiresAt)]
);
