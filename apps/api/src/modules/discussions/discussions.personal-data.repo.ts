import { asc, eq, inArray } from 'drizzle-orm';
import { postFlags, postReactions, postRevisions, posts, themeFollows, threadFollows, threadReads, threads, type Tx } from '@mutirao/db';

export function threadsBy(tx: Tx, userId: string) {
  return tx
    .select({ id: threads.id, kind: threads.kind, title: threads.title, theme: threads.theme, tags: threads.tags, countries: threads.countries, language: threads.language, createdAt: threads.createdAt })
    .from(threads)
    .where(eq(threads.authorId, userId))
    .orderBy(asc(threads.createdAt));
}

export function postsBy(tx: Tx, userId: string) {
  return tx
    .select({
      id: posts.id,
      threadId: posts.threadId,
      number: posts.number,
      body: posts.bodySource,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      deletedAt: posts.deletedAt,
      hiddenAt: posts.hiddenAt
    })
    .from(posts)
    .where(eq(posts.authorId, userId))
    .orderBy(asc(posts.createdAt));
}

/** Earlier versions of the person's own posts (whoever replaced them). */
export function revisionsOfPostsBy(tx: Tx, postIds: string[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ postId: postRevisions.postId, title: postRevisions.title, body: postRevisions.bodySource, writtenAt: postRevisions.writtenAt, replacedAt: postRevisions.replacedAt })
    .from(postRevisions)
    .where(inArray(postRevisions.postId, postIds))
    .orderBy(asc(postRevisions.id));
}

export function reactionsBy(tx: Tx, userId: string) {
  return tx
    .select({ postId: postReactions.postId, threadId: posts.threadId, createdAt: postReactions.createdAt })
    .from(postReactions)
    .innerJoin(posts, eq(posts.id, postReactions.postId))
    .where(eq(postReactions.userId, userId))
    .orderBy(asc(postReactions.createdAt));
}

export function flagsBy(tx: Tx, userId: string) {
  return tx
    .select({ postId: postFlags.postId, reason: postFlags.reason, note: postFlags.note, createdAt: postFlags.createdAt, resolvedAt: postFlags.resolvedAt })
    .from(postFlags)
    .where(eq(postFlags.reporterId, userId))
    .orderBy(asc(postFlags.createdAt));
}

export function followsOf(tx: Tx, userId: string) {
  return tx.select({ threadId: threadFollows.threadId, level: threadFollows.level, updatedAt: threadFollows.updatedAt }).from(threadFollows).where(eq(threadFollows.userId, userId));
}

export function readsOf(tx: Tx, userId: string) {
  return tx.select({ threadId: threadReads.threadId, lastReadNumber: threadReads.lastReadNumber, readAt: threadReads.readAt }).from(threadReads).where(eq(threadReads.userId, userId));
}

export function watchedThemesOf(tx: Tx, userId: string) {
  return tx.select({ theme: themeFollows.theme, since: themeFollows.createdAt }).from(themeFollows).where(eq(themeFollows.userId, userId)).orderBy(asc(themeFollows.theme));
}

/** What only served the person's own reading: follows, read positions and watched themes. */
export async function deleteReadingStateOf(tx: Tx, userId: string): Promise<void> {
  await tx.delete(threadFollows).where(eq(threadFollows.userId, userId));
  await tx.delete(threadReads).where(eq(threadReads.userId, userId));
  await tx.delete(themeFollows).where(eq(themeFollows.userId, userId));
}
