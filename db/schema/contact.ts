import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** Whether a person accepts messages through the contact form; no row means yes. */
export const contactPreferences = pgTable('contact_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  open: boolean('open').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * A message one member wrote to another through the hub. The hub mails it without
 * either address; the recipient may answer once through the hub (`reply_body`),
 * which mails the sender the answer with the recipient's address to write back to.
 */
export const contactMessages = pgTable(
  'contact_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    senderId: uuid('sender_id').references(() => users.id, { onDelete: 'set null' }),
    recipientId: uuid('recipient_id').references(() => users.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    replyBody: text('reply_body'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    // The daily limit counts a sender's messages of the last day.
    index('contact_messages_sender_idx').on(t.senderId, t.createdAt),
    index('contact_messages_recipient_idx').on(t.recipientId, t.createdAt),
    check('contact_messages_reply_check', sql`(${t.replyBody} is null) = (${t.repliedAt} is null)`)
  ]
);

/** A recipient's report of a message as abuse, for coordinators; the message is kept as evidence. */
export const contactReports = pgTable(
  'contact_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => contactMessages.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [uniqueIndex('contact_reports_message_key').on(t.messageId), index('contact_reports_created_idx').on(t.createdAt)]
);
