import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { posts, threads } from './discussions';

/**
 * What a signed reply address stands for (see apps/api/src/infra/reply-address.ts):
 * the person it was sent to, the thread, and the post a reply answers. The key is
 * derived from those ids with the server's secret, so it is written once per
 * person and post however many mails carry it.
 */
export const mailReplyKeys = pgTable(
  'mail_reply_keys',
  {
    key: text('key').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    postId: uuid('post_id').references(() => posts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('mail_reply_keys_user_idx').on(t.userId)]
);

export const inboundReplyStatuses = ['queued', 'posted', 'dropped', 'refused'] as const;

/**
 * Each reply received by mail, once per person and Message-ID: a mail server that
 * delivers the same message twice finds it here and nothing is posted again.
 */
export const inboundReplies = pgTable(
  'inbound_replies',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The Message-ID header, or `sha256:<hex>` of the raw message when it has none. */
    messageKey: text('message_key').notNull(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    status: text('status', { enum: inboundReplyStatuses }).notNull().default('queued'),
    /** Why it was dropped or refused (`thread_locked`, `sender_mismatch`, …). */
    reason: text('reason'),
    postId: uuid('post_id').references(() => posts.id, { onDelete: 'set null' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true })
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.messageKey] }),
    check('inbound_replies_status_check', sql`${t.status} in ('queued', 'posted', 'dropped', 'refused')`)
  ]
);
