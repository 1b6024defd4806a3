import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { locales, themes } from '@mutirao/shared';
import { flagReasons, followLevels, threadKinds } from '@mutirao/shared/schemas/discussions';
import { users } from './accounts';
import { organisations } from './organisations';
import { sqlList } from './sql-list';

/**
 * A thread: a question or a discussion. Its opening text is post number 1, so
 * editing, revisions, reactions, flags and hiding work the same for it as for replies.
 */
export const threads = pgTable(
  'threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Words of the title for readable addresses (`/discussions/<id>-<slug>`); the id alone finds it. */
    slug: text('slug').notNull(),
    kind: text('kind', { enum: threadKinds }).notNull(),
    title: text('title').notNull(),
    theme: text('theme', { enum: themes }).notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
    language: text('language', { enum: locales }).notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The organisation the author speaks for (one they belonged to when posting). */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** For questions: the reply the asker (or a coordinator) accepted. */
    acceptedPostId: uuid('accepted_post_id'),
    /** Visible replies (not hidden, not deleted), kept in step by the services. */
    replyCount: integer('reply_count').notNull().default(0),
    /** The highest post number given out; the next post takes the one after. */
    lastPostNumber: integer('last_post_number').notNull().default(0),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    // Keyset pages: pinned first, then latest activity, then id as the tie-break.
    index('threads_list_idx').on(t.pinnedAt, t.lastActivityAt, t.id),
    index('threads_theme_idx').on(t.theme, t.lastActivityAt),
    index('threads_author_idx').on(t.authorId),
    index('threads_organisation_idx').on(t.organisationId),
    check('threads_kind_check', sql`${t.kind} in (${sqlList(threadKinds)})`),
    check('threads_theme_check', sql`${t.theme} in (${sqlList(themes)})`),
    check('threads_language_check', sql`${t.language} in (${sqlList(locales)})`),
    check('threads_title_check', sql`char_length(${t.title}) between 1 and 200`),
    check('threads_countries_check', sql`cardinality(${t.countries}) <= 30`),
    check('threads_tags_check', sql`cardinality(${t.tags}) <= 10`),
    check('threads_accepted_only_questions', sql`${t.acceptedPostId} is null or ${t.kind} = 'question'`)
  ]
);

/** The opening post (number 1) and every reply. Deleting keeps a tombstone; hiding is the coordinators'. */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The post this one answers or quotes. */
    replyToPostId: uuid('reply_to_post_id'),
    bodySource: text('body_source').notNull(),
    /** Rendered and sanitised once, when saved (infra/markdown.ts). */
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    helpfulCount: integer('helpful_count').notNull().default(0),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('posts_thread_number_key').on(t.threadId, t.number),
    index('posts_author_idx').on(t.authorId, t.createdAt),
    check('posts_number_check', sql`${t.number} >= 1`),
    check('posts_body_check', sql`char_length(${t.bodySource}) <= 50000`)
  ]
);

/** Earlier versions of a post, kept on every edit so readers can see what changed. */
export const postRevisions = pgTable(
  'post_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    bodySource: text('body_source').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** The thread's title at the time, for revisions of an opening post. */
    title: text('title'),
    editorId: uuid('editor_id').references(() => users.id, { onDelete: 'set null' }),
    /** When this version was written (it was replaced at the next revision's time). */
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('post_revisions_post_idx').on(t.postId, t.id)]
);

/** "Helpful": one per person and post. */
export const postReactions = pgTable(
  'post_reactions',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })]
);

/** Where each person stopped reading a thread (the highest post number seen). */
export const threadReads = pgTable(
  'thread_reads',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadNumber: integer('last_read_number').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] })]
);

/** Watching (every reply), tracking (mentions and replies to me) or muted, per person and thread. */
export const threadFollows = pgTable(
  'thread_follows',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    level: text('level', { enum: followLevels }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    primaryKey({ columns: [t.threadId, t.userId] }),
    index('thread_follows_user_idx').on(t.userId, t.level),
    check('thread_follows_level_check', sql`${t.level} in (${sqlList(followLevels)})`)
  ]
);

/** A post someone flagged for the coordinators; resolved when a coordinator acts on it. */
export const postFlags = pgTable(
  'post_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason', { enum: flagReasons }).notNull(),
    note: text('note'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    // One open flag per person and post: flagging twice changes nothing.
    uniqueIndex('post_flags_open_key').on(t.postId, t.reporterId).where(sql`${t.resolvedAt} is null`),
    index('post_flags_open_idx').on(t.createdAt).where(sql`${t.resolvedAt} is null`),
    check('post_flags_reason_check', sql`${t.reason} in (${sqlList(flagReasons)})`)
  ]
);

/** What coordinators did to threads and posts (hide, restore, lock, pin, move). */
export const discussionAudit = pgTable(
  'discussion_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    postId: uuid('post_id').references(() => posts.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('discussion_audit_thread_idx').on(t.threadId, t.id)]
);

/** Themes a person watches: every new thread in them is a notification. */
export const themeFollows = pgTable(
  'theme_follows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    theme: text('theme', { enum: themes }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.theme] }),
    index('theme_follows_theme_idx').on(t.theme),
    check('theme_follows_theme_check', sql`${t.theme} in (${sqlList(themes)})`)
  ]
);

/**
 * An image uploaded for posts, stored as WebP under `post-images/<id>/<width>.webp`.
 * It belongs to the content it is shown in, so it stays when its uploader leaves
 * (as the post does); one that no saved post used within a day is removed.
 */
export const postImages = pgTable(
  'post_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    uploaderId: uuid('uploader_id').references(() => users.id, { onDelete: 'set null' }),
    /** Pixels of the 800-wide variant (smaller images keep their own size), for width/height in the HTML. */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Width of the 1600-wide variant: above `width` only when the upload was larger (then it is the srcset's 2x). */
    largeWidth: integer('large_width').notNull(),
    /** The first time a saved post showed it; null until then (housekeeping removes it after a day). */
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index('post_images_uploader_idx').on(t.uploaderId, t.createdAt),
    index('post_images_unused_idx').on(t.createdAt).where(sql`${t.usedAt} is null`)
  ]
);
