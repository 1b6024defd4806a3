import { and, asc, count, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  discussionAudit,
  organisationMembers,
  organisations,
  postFlags,
  postReactions,
  postRevisions,
  posts,
  threadFollows,
  themeFollows,
  threadReads,
  threads,
  users,
  type Tx
} from '@mutirao/db';
import type { FlagReason, FollowLevel, ThreadFilter } from '@mutirao/shared';

export type ThreadRow = typeof threads.$inferSelect;

// Columns of the outer query named inside correlated subqueries: written out in full, since
// a bare column there would resolve to the subquery's own table.
const THREAD_ID = sql.raw('"threads"."id"');
const REPLY_TO = sql.raw('"posts"."reply_to_post_id"');
const REPORTER = sql.raw('"post_flags"."reporter_id"');
export type NewThread = typeof threads.$inferInsert;
export type PostRow = typeof posts.$inferSelect;
export type NewPost = typeof posts.$inferInsert;

// ---------------------------------------------------------------- threads

export async function insertThread(tx: Tx, values: NewThread): Promise<ThreadRow> {
  const [row] = await tx.insert(threads).values(values).returning();
  return row;
}

export async function findThread(tx: Tx, id: string): Promise<ThreadRow | undefined> {
  const [row] = await tx.select().from(threads).where(eq(threads.id, id)).limit(1);
  return row;
}

/** Locks the thread's row, so post numbers, counts and the accepted answer change one writer at a time. */
export async function lockThread(tx: Tx, id: string): Promise<ThreadRow | undefined> {
  const [row] = await tx.select().from(threads).where(eq(threads.id, id)).for('update').limit(1);
  return row;
}

export async function updateThread(tx: Tx, id: string, values: Partial<NewThread>): Promise<ThreadRow> {
  const [row] = await tx
    .update(threads)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(threads.id, id))
    .returning();
  return row;
}

/** Takes the next post number and moves the thread's last activity, in one statement. */
export async function takePostNumber(tx: Tx, threadId: string, at: Date): Promise<number> {
  const [row] = await tx
    .update(threads)
    .set({ lastPostNumber: sql`${threads.lastPostNumber} + 1`, lastActivityAt: at })
    .where(eq(threads.id, threadId))
    .returning({ number: threads.lastPostNumber });
  return row.number;
}

/** Sets the reply count to the visible replies (neither hidden nor deleted). */
export async function recountReplies(tx: Tx, threadId: string): Promise<void> {
  await tx
    .update(threads)
    .set({
      replyCount: sql`(select count(*)::int from ${posts} where ${posts.threadId} = ${threadId} and ${posts.number} > 1 and ${posts.hiddenAt} is null and ${posts.deletedAt} is null)`
    })
    .where(eq(threads.id, threadId));
}

// ---------------------------------------------------------------- lists

export interface ThreadListFilter {
  filter: ThreadFilter;
  kind?: string;
  theme?: string;
  country?: string;
  language?: string;
  organisationSlug?: string;
  authorId?: string;
  /** Threads the viewer may see whose opening post is hidden (coordinators). */
  includeHidden: boolean;
  viewerId: string | null;
}

export interface ListCursor {
  pinned: number;
  at: string;
  id: string;
}

const opening = sql`(select p.hidden_at from posts p where p.thread_id = ${THREAD_ID} and p.number = 1)`;
const pinnedFlag = sql<number>`(${threads.pinnedAt} is not null)::int`;
/** The timestamp to the microsecond, as text, so a cursor loses nothing of the order it continues. */
const activityText = sql<string>`to_char(${threads.lastActivityAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

function listConditions(f: ThreadListFilter): SQL[] {
  const where: SQL[] = [];
  if (!f.includeHidden) where.push(sql`${opening} is null`);
  if (f.filter === 'unanswered') where.push(sql`${threads.kind} = 'question' and ${threads.acceptedPostId} is null`);
  if (f.filter === 'solved') where.push(sql`${threads.acceptedPostId} is not null`);
  if (f.filter === 'mine' && f.viewerId) {
    where.push(
      sql`(${threads.authorId} = ${f.viewerId} or exists (select 1 from posts mp where mp.thread_id = ${THREAD_ID} and mp.author_id = ${f.viewerId} and mp.deleted_at is null))`
    );
  }
  if (f.kind) where.push(eq(threads.kind, f.kind as ThreadRow['kind']));
  if (f.theme) where.push(eq(threads.theme, f.theme as ThreadRow['theme']));
  if (f.country) where.push(sql`${f.country} = any(${threads.countries})`);
  if (f.language) where.push(eq(threads.language, f.language as ThreadRow['language']));
  if (f.authorId) where.push(eq(threads.authorId, f.authorId));
  if (f.organisationSlug) {
    where.push(sql`${threads.organisationId} = (select o.id from organisations o where o.slug = ${f.organisationSlug} and o.status = 'approved')`);
  }
  return where;
}

/** One page of threads, pinned first, then by last activity (newest first), continuing after `cursor`. */
export async function listThreads(db: Tx, f: ThreadListFilter, cursor: ListCursor | null, limit: number) {
  const where = listConditions(f);
  if (cursor) {
    where.push(
      sql`(${pinnedFlag}, ${threads.lastActivityAt}, ${threads.id}) < (${cursor.pinned}, ${cursor.at}::timestamp at time zone 'UTC', ${cursor.id}::uuid)`
    );
  }
  const lastRead = f.viewerId
    ? sql<number | null>`(select r.last_read_number from thread_reads r where r.thread_id = ${THREAD_ID} and r.user_id = ${f.viewerId})`
    : sql<number | null>`null`;
  return db
    .select({
      thread: threads,
      authorName: users.name,
      organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name },
      openingText: sql<string>`(select p.body_text from posts p where p.thread_id = ${THREAD_ID} and p.number = 1)`,
      lastRead,
      pinned: pinnedFlag,
      activityText
    })
    .from(threads)
    .leftJoin(users, eq(users.id, threads.authorId))
    .leftJoin(organisations, eq(organisations.id, threads.organisationId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(pinnedFlag), desc(threads.lastActivityAt), desc(threads.id))
    .limit(limit + 1);
}
export type ThreadListRow = Awaited<ReturnType<typeof listThreads>>[number];

/** One thread with what its card shows, for the thread page. */
export async function threadCard(db: Tx, id: string, viewerId: string | null) {
  const rows = await db
    .select({
      thread: threads,
      authorName: users.name,
      organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name },
      openingText: sql<string>`(select p.body_text from posts p where p.thread_id = ${THREAD_ID} and p.number = 1)`,
      lastRead: viewerId
        ? sql<number | null>`(select r.last_read_number from thread_reads r where r.thread_id = ${THREAD_ID} and r.user_id = ${viewerId})`
        : sql<number | null>`null`,
      pinned: pinnedFlag,
      activityText
    })
    .from(threads)
    .leftJoin(users, eq(users.id, threads.authorId))
    .leftJoin(organisations, eq(organisations.id, threads.organisationId))
    .where(eq(threads.id, id))
    .limit(1);
  return rows[0];
}

// ---------------------------------------------------------------- posts

export async function insertPost(tx: Tx, values: NewPost): Promise<PostRow> {
  const [row] = await tx.insert(posts).values(values).returning();
  return row;
}

export async function findPost(tx: Tx, id: string): Promise<PostRow | undefined> {
  const [row] = await tx.select().from(posts).where(eq(posts.id, id)).limit(1);
  return row;
}

export async function openingPost(tx: Tx, threadId: string): Promise<PostRow | undefined> {
  const [row] = await tx.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.number, 1))).limit(1);
  return row;
}

export async function updatePost(tx: Tx, id: string, values: Partial<NewPost>): Promise<PostRow> {
  const [row] = await tx.update(posts).set(values).where(eq(posts.id, id)).returning();
  return row;
}

const postColumns = {
  post: posts,
  authorName: users.name,
  replyToNumber: sql<number | null>`(select rp.number from posts rp where rp.id = ${REPLY_TO})`,
  replyToAuthor: sql<string | null>`(select ru.name from posts rp join users ru on ru.id = rp.author_id where rp.id = ${REPLY_TO})`
};

/** Replies visible to this reader: hidden ones only to their author, or to everyone staff sees. */
function visibleReplies(threadId: string, viewer: { id: string | null; staff: boolean }): SQL {
  const base = and(eq(posts.threadId, threadId), gt(posts.number, 1))!;
  if (viewer.staff) return base;
  if (viewer.id) return and(base, sql`(${posts.hiddenAt} is null or ${posts.authorId} = ${viewer.id})`)!;
  return and(base, isNull(posts.hiddenAt))!;
}

/**
 * One page of replies. The page's ids are found first, from the (thread, number) index
 * alone, and only those 50 rows are read whole with their names and quoted posts: with
 * the joins and subqueries over the offset too, page 20 of a 1,000-reply thread read
 * and annotated 1,000 rows (16 ms instead of 2 ms, `pnpm bench thread`).
 */
export async function pageOfReplies(db: Tx, threadId: string, viewer: { id: string | null; staff: boolean }, offset: number, limit: number) {
  const page = db
    .select({ id: posts.id })
    .from(posts)
    .where(visibleReplies(threadId, viewer))
    .orderBy(asc(posts.number))
    .offset(offset)
    .limit(limit)
    .as('page');
  return db
    .select(postColumns)
    .from(posts)
    .innerJoin(page, eq(page.id, posts.id))
    .leftJoin(users, eq(users.id, posts.authorId))
    .orderBy(asc(posts.number));
}
export type PostWithNames = Awaited<ReturnType<typeof pageOfReplies>>[number];

export async function countReplies(db: Tx, threadId: string, viewer: { id: string | null; staff: boolean }, beforeNumber?: number) {
  const where = visibleReplies(threadId, viewer);
  const [row] = await db
    .select({ n: count() })
    .from(posts)
    .where(beforeNumber === undefined ? where : and(where, sql`${posts.number} < ${beforeNumber}`));
  return row.n;
}

export async function postWithNames(db: Tx, id: string): Promise<PostWithNames | undefined> {
  const [row] = await db.select(postColumns).from(posts).leftJoin(users, eq(users.id, posts.authorId)).where(eq(posts.id, id)).limit(1);
  return row;
}

/** Posts by this person in the last `minutes`, for the new-account limit. */
export async function recentPostCount(tx: Tx, authorId: string, minutes: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.authorId, authorId), sql`${posts.createdAt} > now() - make_interval(mins => ${minutes})`));
  return row.n;
}

// ---------------------------------------------------------------- revisions

export async function insertRevision(tx: Tx, values: typeof postRevisions.$inferInsert): Promise<void> {
  await tx.insert(postRevisions).values(values);
}

export async function deleteRevisions(tx: Tx, postId: string): Promise<void> {
  await tx.delete(postRevisions).where(eq(postRevisions.postId, postId));
}

export async function listRevisions(db: Tx, postId: string) {
  return db
    .select({ revision: postRevisions, editorName: users.name })
    .from(postRevisions)
    .leftJoin(users, eq(users.id, postRevisions.editorId))
    .where(eq(postRevisions.postId, postId))
    .orderBy(desc(postRevisions.id));
}

// ---------------------------------------------------------------- reactions

/** Adds the person's "helpful" (once) and returns the post's count; `added` is false when it was there. */
export async function addReaction(tx: Tx, postId: string, userId: string): Promise<{ added: boolean; helpfulCount: number }> {
  const inserted = await tx.insert(postReactions).values({ postId, userId }).onConflictDoNothing().returning({ postId: postReactions.postId });
  const delta = inserted.length;
  const [row] = await tx
    .update(posts)
    .set({ helpfulCount: sql`${posts.helpfulCount} + ${delta}` })
    .where(eq(posts.id, postId))
    .returning({ helpfulCount: posts.helpfulCount });
  return { added: delta > 0, helpfulCount: row.helpfulCount };
}

export async function removeReaction(tx: Tx, postId: string, userId: string): Promise<{ removed: boolean; helpfulCount: number }> {
  const deleted = await tx
    .delete(postReactions)
    .where(and(eq(postReactions.postId, postId), eq(postReactions.userId, userId)))
    .returning({ postId: postReactions.postId });
  const delta = deleted.length;
  const [row] = await tx
    .update(posts)
    .set({ helpfulCount: sql`greatest(${posts.helpfulCount} - ${delta}, 0)` })
    .where(eq(posts.id, postId))
    .returning({ helpfulCount: posts.helpfulCount });
  return { removed: delta > 0, helpfulCount: row.helpfulCount };
}

export async function reactedPostIds(db: Tx, userId: string, postIds: string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const rows = await db
    .select({ postId: postReactions.postId })
    .from(postReactions)
    .where(and(eq(postReactions.userId, userId), inArray(postReactions.postId, postIds)));
  return new Set(rows.map((r) => r.postId));
}

// ---------------------------------------------------------------- reading and following

export async function lastReadNumber(db: Tx, threadId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: threadReads.lastReadNumber })
    .from(threadReads)
    .where(and(eq(threadReads.threadId, threadId), eq(threadReads.userId, userId)))
    .limit(1);
  return row?.n ?? 0;
}

/** Moves the read position forward only: reading an earlier page does not mark later posts unread. */
export async function recordRead(tx: Tx, threadId: string, userId: string, number: number): Promise<void> {
  await tx
    .insert(threadReads)
    .values({ threadId, userId, lastReadNumber: number })
    .onConflictDoUpdate({
      target: [threadReads.userId, threadReads.threadId],
      set: { lastReadNumber: sql`greatest(${threadReads.lastReadNumber}, excluded.last_read_number)`, readAt: new Date() }
    });
}

export async function followLevel(db: Tx, threadId: string, userId: string): Promise<FollowLevel | null> {
  const [row] = await db
    .select({ level: threadFollows.level })
    .from(threadFollows)
    .where(and(eq(threadFollows.threadId, threadId), eq(threadFollows.userId, userId)))
    .limit(1);
  return row?.level ?? null;
}

export async function setFollow(tx: Tx, threadId: string, userId: string, level: FollowLevel): Promise<void> {
  await tx
    .insert(threadFollows)
    .values({ threadId, userId, level })
    .onConflictDoUpdate({ target: [threadFollows.threadId, threadFollows.userId], set: { level, updatedAt: new Date() } });
}

/** Follows at this level unless the person already chose one (a muted thread stays muted). */
export async function followIfNew(tx: Tx, threadId: string, userId: string, level: FollowLevel): Promise<void> {
  await tx.insert(threadFollows).values({ threadId, userId, level }).onConflictDoNothing();
}

export async function followersOf(tx: Tx, threadId: string) {
  return tx
    .select({ userId: threadFollows.userId, level: threadFollows.level })
    .from(threadFollows)
    .where(eq(threadFollows.threadId, threadId));
}

/** Threads the person watches with posts they have not read, most recently active first. */
export async function watchedWithUnread(db: Tx, userId: string, limit: number) {
  const unread = sql<number>`${threads.lastPostNumber} - coalesce(${threadReads.lastReadNumber}, 0)`;
  const where = and(eq(threadFollows.userId, userId), eq(threadFollows.level, 'watching'), sql`${unread} > 0`);
  const rows = await db
    .select({ id: threads.id, slug: threads.slug, title: threads.title, lastActivityAt: threads.lastActivityAt, unread })
    .from(threadFollows)
    .innerJoin(threads, eq(threads.id, threadFollows.threadId))
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, userId)))
    .where(where)
    .orderBy(desc(threads.lastActivityAt))
    .limit(limit);
  const [total] = await db
    .select({ n: count() })
    .from(threadFollows)
    .innerJoin(threads, eq(threads.id, threadFollows.threadId))
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, userId)))
    .where(where);
  return { rows, total: total.n };
}

// ---------------------------------------------------------------- people and organisations

export async function findPerson(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

export async function peopleByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(inArray(users.id, ids));
}

/**
 * People whose name, with spaces written as `_`, is one of these handles (`@Ana_Souza`),
 * compared without case. The handles are bound as parameters, never pasted.
 */
export async function peopleByHandles(tx: Tx, handles: string[]) {
  if (handles.length === 0) return [];
  const lowered = handles.map((h) => h.toLowerCase());
  return tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, handle: sql<string>`lower(replace(${users.name}, ' ', '_'))` })
    .from(users)
    .where(sql`lower(replace(${users.name}, ' ', '_')) = any(${sql.param(lowered)}::text[])`);
}

/** The approved organisation with this slug, if the person belongs to it. */
export async function organisationOfMember(tx: Tx, slug: string, userId: string) {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .innerJoin(organisationMembers, and(eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.userId, userId)))
    .where(and(eq(organisations.slug, slug), eq(organisations.status, 'approved')))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------- flags and audit

export async function insertFlag(tx: Tx, values: { postId: string; reporterId: string | null; reason: FlagReason; note: string | null }) {
  const [row] = await tx.insert(postFlags).values(values).onConflictDoNothing().returning({ id: postFlags.id });
  if (row || !values.reporterId) return row;
  const [open] = await tx
    .select({ id: postFlags.id })
    .from(postFlags)
    .where(and(eq(postFlags.postId, values.postId), eq(postFlags.reporterId, values.reporterId), isNull(postFlags.resolvedAt)))
    .limit(1);
  return open;
}

export async function resolveFlags(tx: Tx, postId: string, by: string): Promise<void> {
  await tx
    .update(postFlags)
    .set({ resolvedAt: new Date(), resolvedBy: by })
    .where(and(eq(postFlags.postId, postId), isNull(postFlags.resolvedAt)));
}

export async function openFlags(db: Tx, limit: number) {
  const reporter = sql<string | null>`(select u.name from users u where u.id = ${REPORTER})`;
  return db
    .select({ flag: postFlags, reporterName: reporter, post: posts, threadTitle: threads.title, authorName: users.name })
    .from(postFlags)
    .innerJoin(posts, eq(posts.id, postFlags.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(isNull(postFlags.resolvedAt))
    .orderBy(asc(postFlags.createdAt))
    .limit(limit);
}

export async function countOpenFlags(db: Tx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(postFlags).where(isNull(postFlags.resolvedAt));
  return row.n;
}

export async function recordAudit(
  tx: Tx,
  values: { threadId: string; postId?: string | null; actorId: string; action: string; details?: Record<string, unknown> }
): Promise<void> {
  await tx.insert(discussionAudit).values({ ...values, details: values.details ?? {} });
}

// ---------------------------------------------------------------- search and profiles

/** Threads as the index needs them: the opening text and the visible replies' text. */
export async function threadsForIndex(db: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      thread: threads,
      openingText: sql<string>`(select p.body_text from posts p where p.thread_id = ${THREAD_ID} and p.number = 1)`,
      openingHidden: sql<boolean>`(select p.hidden_at is not null from posts p where p.thread_id = ${THREAD_ID} and p.number = 1)`,
      // Hidden and deleted replies never reach the index; 20,000 characters are plenty to be found by.
      repliesText: sql<string>`coalesce((select left(string_agg(p.body_text, ' ' order by p.number), 20000) from posts p where p.thread_id = ${THREAD_ID} and p.number > 1 and p.hidden_at is null and p.deleted_at is null), '')`
    })
    .from(threads)
    .where(inArray(threads.id, ids));
  return rows;
}

export async function threadIdsAfter(db: Tx, after: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: threads.id })
    .from(threads)
    .where(after ? gt(threads.id, after) : undefined)
    .orderBy(asc(threads.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Accepted answers written by this person, newest first. */
export async function acceptedAnswersBy(db: Tx, authorId: string, limit: number) {
  const where = and(eq(posts.authorId, authorId), sql`${threads.acceptedPostId} = ${posts.id}`, isNull(posts.hiddenAt), isNull(posts.deletedAt));
  const rows = await db
    .select({ threadId: threads.id, slug: threads.slug, title: threads.title, number: posts.number, createdAt: posts.createdAt })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(where)
    .orderBy(desc(posts.createdAt))
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(posts).innerJoin(threads, eq(threads.id, posts.threadId)).where(where);
  return { rows, total: total.n };
}

/** Themes of the approved organisations the person belongs to: "my themes" until people choose their own. */
export async function themesOfMember(db: Tx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ themes: organisations.themes })
    .from(organisations)
    .innerJoin(organisationMembers, and(eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.userId, userId)))
    .where(eq(organisations.status, 'approved'));
  return [...new Set(rows.flatMap((r) => r.themes))];
}

/** Open questions (no accepted answer) in these themes that the person did not ask, newest activity first. */
export async function unansweredInThemes(db: Tx, themeCodes: string[], userId: string, limit: number) {
  if (themeCodes.length === 0) return { rows: [], total: 0 };
  const where = and(
    eq(threads.kind, 'question'),
    isNull(threads.acceptedPostId),
    sql`${threads.theme} = any(${sql.param(themeCodes)}::text[])`,
    sql`${threads.authorId} is distinct from ${userId}`,
    sql`${opening} is null`
  );
  const rows = await db
    .select({ id: threads.id, title: threads.title, replyCount: threads.replyCount, lastActivityAt: threads.lastActivityAt })
    .from(threads)
    .where(where)
    .orderBy(desc(threads.lastActivityAt))
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(threads).where(where);
  return { rows, total: total.n };
}

export async function countThreadsBy(db: Tx, authorId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(threads).where(and(eq(threads.authorId, authorId), sql`${opening} is null`));
  return row.n;
}

/** Moves a thread and its posts back in time (the demo seed), keeping their order. */
export async function moveThreadBack(db: Tx, threadId: string, days: number): Promise<void> {
  const shift = sql`make_interval(days => ${days})`;
  await db
    .update(posts)
    // Replies an hour apart after the opening post, all before the thread's last activity.
    .set({ createdAt: sql`${posts.createdAt} - ${shift} - make_interval(hours => (select max(p2.number) from posts p2 where p2.thread_id = ${threadId}) - ${posts.number})` })
    .where(eq(posts.threadId, threadId));
  await db
    .update(threads)
    .set({
      createdAt: sql`(select min(p.created_at) from posts p where p.thread_id = ${threadId})`,
      lastActivityAt: sql`(select max(p.created_at) from posts p where p.thread_id = ${threadId})`
    })
    .where(eq(threads.id, threadId));
}

export async function watchedThemes(db: Tx, userId: string): Promise<string[]> {
  const rows = await db.select({ theme: themeFollows.theme }).from(themeFollows).where(eq(themeFollows.userId, userId)).orderBy(asc(themeFollows.theme));
  return rows.map((r) => r.theme);
}

/** Replaces the person's watched themes with these. */
export async function setWatchedThemes(tx: Tx, userId: string, themeCodes: ThreadRow['theme'][]): Promise<void> {
  await tx.delete(themeFollows).where(eq(themeFollows.userId, userId));
  if (themeCodes.length > 0) await tx.insert(themeFollows).values(themeCodes.map((theme) => ({ userId, theme })));
}

export async function themeWatchers(tx: Tx, theme: string): Promise<string[]> {
  const rows = await tx.select({ userId: themeFollows.userId }).from(themeFollows).where(eq(themeFollows.theme, theme as ThreadRow['theme']));
  return rows.map((r) => r.userId);
}
