import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every live event, written in the same transaction as the change it announces.
 * Its id is the `since` cursor a client sends to catch up after reconnecting;
 * NOTIFY carries only the id across processes.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    type: text('type').notNull(),
    recordId: text('record_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('live_events_topic_id_idx').on(t.topic, t.id)]
);
