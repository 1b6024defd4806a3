import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * What a person is told in the app ("your application was approved"). `data` holds
 * the ids and names the sentence needs, as they were when it happened, so the list
 * renders without joining every domain. Kinds are listed (with their data) in
 * packages/shared; here only their form is checked, so a new kind needs no migration.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    // The list, newest first.
    index('notifications_user_created_idx').on(t.userId, t.createdAt.desc()),
    // The header's unread count on every page: only unread rows are in this index.
    index('notifications_user_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    check('notifications_kind_check', sql`${t.kind} ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'`)
  ]
);

/**
 * A person's choice, per notification kind, of whether it also reaches them by mail
 * (in-app is always on). No row means the kind's default: mailed. Kinds are not
 * checked against a list, like `notifications.kind`, so a new kind needs no migration.
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    email: boolean('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind] }),
    check('notification_settings_kind_check', sql`${t.kind} ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'`)
  ]
);

/**
 * Up to when a person's daily digest has covered their activity. Moved forward in
 * the transaction that queues the digest mail, so a retried or repeated run finds
 * it there and mails nobody twice. No row: never digested yet.
 */
export const notificationDigests = pgTable('notification_digests', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastDigestAt: timestamp('last_digest_at', { withTimezone: true }).notNull()
});

/**
 * Keys the hub signs links with (`unsubscribe`: the one-click links in notification
 * mail), made on first use and shared by every process through the database, so
 * links keep working across restarts and behind a load balancer. Deleting a row
 * makes every link signed with it stop working.
 */
export const signingKeys = pgTable('signing_keys', {
  purpose: text('purpose').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
