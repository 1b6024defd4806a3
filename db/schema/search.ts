import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Changes waiting to reach Meilisearch, written in the same transaction as the
 * record. The worker drains it in batches and retries with backoff, so nothing is
 * lost while Meilisearch is down.
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indexName: text('index_name').notNull(),
    documentId: text('document_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index('search_outbox_due_idx').on(t.nextAttemptAt, t.id),
    check('search_outbox_op_check', sql`${t.op} in ('upsert', 'delete')`)
  ]
);
