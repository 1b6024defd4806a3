// Starting, editing and reading threads: lists (keyset pages), the thread page (which
// records where the reader stopped), revisions, and who may follow `thread:<id>`.
import {
  POSTS_PAGE_SIZE,
  THREADS_PAGE_SIZE,
  type CreateThreadInput,
  type ThreadCard,
  type ThreadList,
  type ThreadListQueryInput,
  type ThreadPage,
  type UpdateThreadInput
} from '@mutirao/shared';
import { isStaff, requireActor, type Actor } from '../../auth/can';
import { AppError, conflict, forbidden, notFound } from '../../http/errors';
import { authorizedPost, authorizedThread } from './discussions.access';
import { markImagesUsed } from './discussions.images';
import { afterChange, assertMayPost, holdForReview, holdsLinks, renderPost, slugOf, type DiscussionsHub } from './discussions.changes';
import { toPost, toThreadCard } from './discussions.mapper';
import { canDiscussion, canSeePost } from './discussions.policy';
import * as repo from './discussions.repo';
import { notifyMentions, notifyNewThread } from './discussions.notify';

export async function createThread(hub: DiscussionsHub, actor: Actor | null, input: CreateThreadInput) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const newAccount = await assertMayPost(hub, tx, actor);
    let organisationId: string | null = null;
    if (input.organisation) {
      const org = await repo.organisationOfMember(tx, input.organisation, actor.id);
      if (!org) throw forbidden('You can post on behalf of an organisation you belong to only.');
      organisationId = org.id;
    }
    const now = new Date();
    const thread = await repo.insertThread(tx, {
      slug: slugOf(input.title),
      kind: input.kind,
      title: input.title.trim(),
      theme: input.theme,
      tags: input.tags ?? [],
      countries: input.countries ?? [],
      language: input.language,
      authorId: actor.id,
      organisationId,
      lastPostNumber: 1,
      lastActivityAt: now,
      createdAt: now
    });
    const body = await renderPost(tx, input.body);
    await markImagesUsed(tx, body.imageIds);
    const held = holdsLinks(newAccount, body.html);
    const post = await repo.insertPost(tx, {
      threadId: thread.id,
      number: 1,
      authorId: actor.id,
      bodySource: input.body,
      bodyHtml: body.html,
      bodyText: body.text,
      createdAt: now,
      hiddenAt: held ? now : null
    });
    if (held) await holdForReview(tx, post.id);
    await repo.setFollow(tx, thread.id, actor.id, 'watching');
    await repo.recordRead(tx, thread.id, actor.id, 1);
    const told = await notifyMentions(hub, tx, { thread, post, actor, mentioned: body.mentioned });
    await notifyNewThread(hub, tx, { thread, post, actor, alreadyTold: told });
    await afterChange(hub, tx, thread.id, 'thread.updated', { hiddenPost: held });
    return { id: thread.id, slug: thread.slug };
  });
}

export async function updateThread(hub: DiscussionsHub, actor: Actor | null, id: string, input: UpdateThreadInput) {
  const threadId = await hub.db.transaction(async (tx) => {
    const { thread, opening } = await authorizedThread(tx, actor, id, 'edit', { lock: true });
    if (thread.lockedAt && !isStaff(actor)) throw conflict('thread_locked', 'The thread is locked.');
    if (opening.deletedAt && input.body !== undefined) throw conflict('post_deleted', 'The opening post was deleted.');
    const now = new Date();
    if (input.body !== undefined || input.title !== undefined) {
      await repo.insertRevision(tx, {
        postId: opening.id,
        bodySource: opening.bodySource,
        bodyHtml: opening.bodyHtml,
        title: thread.title,
        editorId: actor!.id,
        writtenAt: opening.editedAt ?? opening.createdAt
      });
    }
    if (input.body !== undefined) {
      const body = await renderPost(tx, input.body);
      await markImagesUsed(tx, body.imageIds);
      await repo.updatePost(tx, opening.id, { bodySource: input.body, bodyHtml: body.html, bodyText: body.text, editedAt: now });
    } else if (input.title !== undefined) {
      await repo.updatePost(tx, opening.id, { editedAt: now });
    }
    await repo.updateThread(tx, thread.id, {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.theme !== undefined ? { theme: input.theme } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
      ...(input.countries !== undefined ? { countries: input.countries } : {}),
      ...(input.language !== undefined ? { language: input.language } : {})
    });
    await afterChange(hub, tx, thread.id, 'post.updated', { id: opening.id, hiddenPost: opening.hiddenAt !== null });
    return thread.id;
  });
  return cardFor(hub, actor, threadId);
}

export async function cardFor(hub: DiscussionsHub, actor: Actor | null, id: string) {
  const row = await repo.threadCard(hub.db, id, actor?.id ?? null);
  if (!row) throw notFound('No such thread.');
  return toThreadCard(row, actor?.id ?? null);
}

// ---------------------------------------------------------------- lists

function decodeCursor(cursor: string | undefined): repo.ListCursor | null {
  if (!cursor) return null;
  try {
    const [pinned, at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (!/^[01]$/.test(pinned) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/.test(at) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad');
    return { pinned: Number(pinned), at, id };
  } catch {
    throw new AppError(400, 'validation_failed', 'The cursor is not one this list gave.', [
      { field: 'query.cursor', code: 'invalid_cursor', message: 'not a cursor from this list' }
    ]);
  }
}

const encodeCursor = (row: repo.ThreadListRow) => Buffer.from(`${row.pinned}|${row.activityText}|${row.thread.id}`).toString('base64url');

export async function listThreads(hub: DiscussionsHub, actor: Actor | null, query: ThreadListQueryInput): Promise<ThreadList> {
  const filter = query.filter ?? 'latest';
  if (filter === 'mine') requireActor(actor);
  const limit = query.limit ?? THREADS_PAGE_SIZE;
  const rows = await repo.listThreads(
    hub.db,
    {
      filter,
      kind: query.kind,
      theme: query.theme,
      country: query.country,
      language: query.language,
      organisationSlug: query.organisation,
      includeHidden: isStaff(actor),
      viewerId: actor?.id ?? null
    },
    decodeCursor(query.cursor),
    limit
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => toThreadCard(row, actor?.id ?? null)),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null
  };
}

/** The latest threads by one person or for one organisation, for profiles and homes. */
export async function threadsBy(hub: DiscussionsHub, filter: { authorId?: string; organisationSlug?: string }, limit: number) {
  return repo.listThreads(hub.db, { filter: 'latest', ...filter, includeHidden: false, viewerId: null }, null, limit);
}

// ---------------------------------------------------------------- the thread page

export async function getThreadPage(hub: DiscussionsHub, actor: Actor | null, id: string, requestedPage?: number): Promise<ThreadPage> {
  const { thread, opening } = await authorizedThread(hub.db, actor, id, 'view', { lock: false });
  const viewer = { id: actor?.id ?? null, staff: isStaff(actor) };
  // What does not depend on the page is read side by side (each one indexed lookup).
  const [lastRead, total, openingRow, acceptedFound, card, following] = await Promise.all([
    actor ? repo.lastReadNumber(hub.db, thread.id, actor.id) : 0,
    repo.countReplies(hub.db, thread.id, viewer),
    repo.postWithNames(hub.db, opening.id),
    thread.acceptedPostId ? repo.postWithNames(hub.db, thread.acceptedPostId) : undefined,
    cardFor(hub, actor, thread.id),
    actor ? repo.followLevel(hub.db, thread.id, actor.id) : null
  ]);
  const pageCount = Math.max(1, Math.ceil(total / POSTS_PAGE_SIZE));
  // Without a page asked for, a returning reader lands where they stopped.
  const page = Math.min(
    requestedPage ?? (lastRead > 1 ? Math.floor((await repo.countReplies(hub.db, thread.id, viewer, lastRead + 1)) / POSTS_PAGE_SIZE) + 1 : 1),
    pageCount
  );
  const replies = await repo.pageOfReplies(hub.db, thread.id, viewer, (page - 1) * POSTS_PAGE_SIZE, POSTS_PAGE_SIZE);
  const accepted = acceptedFound && canSeePost(actor, acceptedFound.post) && !acceptedFound.post.deletedAt ? acceptedFound : undefined;
  const shown = [openingRow!, ...replies, ...(accepted ? [accepted] : [])];
  const seen = Math.max(1, ...replies.map((r) => r.post.number));
  const [reacted] = await Promise.all([
    actor ? repo.reactedPostIds(hub.db, actor.id, shown.map((r) => r.post.id)) : new Set<string>(),
    // Forwards only: going back a page writes nothing (a write costs a commit on every view).
    actor && seen > lastRead ? repo.recordRead(hub.db, thread.id, actor.id, seen) : undefined
  ]);
  const facts = { authorId: thread.authorId, opening, kind: thread.kind, acceptedPostId: thread.acceptedPostId, locked: thread.lockedAt !== null };
  const map = (row: repo.PostWithNames) => toPost(row, { actor, thread: facts, reacted: reacted.has(row.post.id) });
  return {
    thread: { ...card, unreadCount: Math.max(0, thread.lastPostNumber - lastRead) },
    opening: map(openingRow!),
    acceptedAnswer: accepted ? map(accepted) : null,
    posts: replies.map(map),
    page,
    pageCount,
    viewer: {
      reply: !!actor && canDiscussion(actor, 'takePart', facts) && (!thread.lockedAt || isStaff(actor)),
      edit: canDiscussion(actor, 'edit', facts) && (!thread.lockedAt || isStaff(actor)),
      moderate: isStaff(actor),
      following,
      lastReadNumber: lastRead
    }
  };
}

export async function listRevisions(hub: DiscussionsHub, actor: Actor | null, postId: string) {
  await authorizedPost(hub.db, actor, postId, 'view', { lock: false });
  const rows = await repo.listRevisions(hub.db, postId);
  return {
    items: rows.map((r) => ({
      html: r.revision.bodyHtml,
      title: r.revision.title,
      editor: r.revision.editorId ? { id: r.revision.editorId, name: r.editorName ?? '' } : null,
      writtenAt: r.revision.writtenAt.toISOString()
    }))
  };
}

/** Who may follow `thread:<id>`: whoever may read the thread. */
export async function canFollowThread(hub: Pick<DiscussionsHub, 'db'>, actor: Actor | null, id: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return false;
  const thread = await repo.findThread(hub.db, id);
  const opening = thread ? await repo.openingPost(hub.db, thread.id) : undefined;
  return !!thread && !!opening && canDiscussion(actor, 'view', { authorId: thread.authorId, opening });
}

/** The editor's preview: what the post would look like, saving nothing. */
export async function previewPost(hub: DiscussionsHub, actor: Actor | null, source: string) {
  requireActor(actor);
  return { html: (await renderPost(hub.db, source)).html };
}

export async function myWatchedThemes(hub: DiscussionsHub, actor: Actor | null) {
  requireActor(actor);
  return { themes: (await repo.watchedThemes(hub.db, actor.id)) as ThreadCard['theme'][] };
}

export async function setMyWatchedThemes(hub: DiscussionsHub, actor: Actor | null, themes: ThreadCard['theme'][]) {
  requireActor(actor);
  await hub.db.transaction((tx) => repo.setWatchedThemes(tx, actor.id, themes));
  return { themes: [...themes].sort() };
}
