import { and, asc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  notificationDigests,
  notificationSettings,
  notifications,
  posts,
  threadFollows,
  threadReads,
  threads,
  users,
  type Db,
  type Tx
} from '@mutirao/db';
import { DIGEST_MAIL_KIND } from '@mutirao/shared';

/** The in-app notifications a digest gathers: they are not mailed one by one. */
export const DIGESTED_KINDS = ['discussion.reply', 'discussion.new_thread'] as const;

/**
 * People with digestible notifications after their last digest (or in the day before
 * `until`, for someone never digested) who have not turned the digest off.
 */
export async function peopleWithNewActivity(db: Db, until: Date, firstWindowStart: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .innerJoin(users, and(eq(users.id, notifications.userId), isNull(users.deletedAt)))
    .leftJoin(notificationDigests, eq(notificationDigests.userId, notifications.userId))
    .leftJoin(
      notificationSettings,
      and(eq(notificationSettings.userId, notifications.userId), eq(notificationSettings.kind, DIGEST_MAIL_KIND))
    )
    .where(
      and(
        inArray(notifications.kind, [...DIGESTED_KINDS]),
        lte(notifications.createdAt, until),
        gt(notifications.createdAt, sql`coalesce(${notificationDigests.lastDigestAt}, ${firstWindowStart.toISOString()}::timestamptz)`),
        or(isNull(notificationSettings.email), eq(notificationSettings.email, true))
      )
    );
  return rows.map((r) => r.userId);
}

/**
 * The person's digest state, locked for this transaction: a second process digesting
 * the same person waits here, then finds it moved forward. A first digest starts at `start`.
 */
export async function lockDigestState(tx: Tx, userId: string, start: Date): Promise<Date> {
  await tx.insert(notificationDigests).values({ userId, lastDigestAt: start }).onConflictDoNothing();
  const [row] = await tx
    .select({ lastDigestAt: notificationDigests.lastDigestAt })
    .from(notificationDigests)
    .where(eq(notificationDigests.userId, userId))
    .for('update');
  return row.lastDigestAt;
}

export async function markDigested(tx: Tx, userId: string, until: Date): Promise<void> {
  await tx.update(notificationDigests).set({ lastDigestAt: until }).where(eq(notificationDigests.userId, userId));
}

export interface DigestPost {
  kind: (typeof DIGESTED_KINDS)[number];
  threadId: string;
  title: string;
  postNumber: number;
  authorName: string | null;
  text: string;
  createdAt: Date;
}

const opening = alias(posts, 'opening_post');

/**
 * The posts of the person's digestible notifications in (since, until], as they are
 * now: hidden or deleted posts, threads whose opening post was hidden, threads they
 * muted since, their own posts and posts they have already read are left out.
 */
export async function digestPosts(tx: Tx, userId: string, since: Date, until: Date): Promise<DigestPost[]> {
  const rows = await tx
    .selectDistinctOn([posts.id], {
      kind: notifications.kind,
      threadId: threads.id,
      title: threads.title,
      postNumber: posts.number,
      authorName: users.name,
      text: posts.bodyText,
      createdAt: posts.createdAt
    })
    .from(notifications)
    .innerJoin(posts, eq(posts.id, sql`(${notifications.data}->>'postId')::uuid`))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(opening, and(eq(opening.threadId, threads.id), eq(opening.number, 1)))
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(threadFollows, and(eq(threadFollows.threadId, threads.id), eq(threadFollows.userId, userId)))
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, userId)))
    .where(
      and(
        eq(notifications.userId, userId),
        inArray(notifications.kind, [...DIGESTED_KINDS]),
        gt(notifications.createdAt, since),
        lte(notifications.createdAt, until),
        isNull(posts.hiddenAt),
        isNull(posts.deletedAt),
        isNull(opening.hiddenAt),
        or(isNull(posts.authorId), ne(posts.authorId, userId)),
        or(isNull(threadFollows.level), ne(threadFollows.level, 'muted')),
        or(isNull(threadReads.lastReadNumber), gt(posts.number, threadReads.lastReadNumber))
      )
    )
    .orderBy(asc(posts.id));
  return rows
    .map((r) => ({ ...r, kind: r.kind as DigestPost['kind'] }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.postNumber - b.postNumber);
}

export async function recipient(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .limit(1);
  return row;
}
