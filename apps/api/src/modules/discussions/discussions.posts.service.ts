// Replying, editing (revisions kept), deleting (a tombstone), accepting an answer,
// "helpful" reactions and following a thread.
import type { Tx } from '@mutirao/db';
import type { FollowLevel, Post, ReplyInput } from '@mutirao/shared';
import { isStaff, requireActor, type Actor } from '../../auth/can';
import { conflict, forbidden, notFound } from '../../http/errors';
import { authorizedPost, authorizedThread } from './discussions.access';
import { markImagesUsed } from './discussions.images';
import { afterChange, assertMayPost, holdForReview, holdsLinks, renderPost, type DiscussionsHub } from './discussions.changes';
import { toPost } from './discussions.mapper';
import { notifyAccepted, notifyMentions, notifyReply } from './discussions.notify';
import * as repo from './discussions.repo';

type Loaded = Awaited<ReturnType<typeof authorizedThread>>;

async function postView(hub: DiscussionsHub, actor: Actor, { thread, opening }: Loaded, postId: string): Promise<Post> {
  const row = (await repo.postWithNames(hub.db, postId))!;
  const reacted = await repo.reactedPostIds(hub.db, actor.id, [postId]);
  const current = (await repo.findThread(hub.db, thread.id)) ?? thread;
  return toPost(row, {
    actor,
    thread: { authorId: current.authorId, opening, kind: current.kind, acceptedPostId: current.acceptedPostId, locked: current.lockedAt !== null },
    reacted: reacted.has(postId)
  });
}

const assertOpen = (thread: { lockedAt: Date | null }, actor: Actor) => {
  if (thread.lockedAt && !isStaff(actor)) throw conflict('thread_locked', 'The thread is locked.');
};

export async function reply(hub: DiscussionsHub, actor: Actor | null, threadId: string, input: ReplyInput): Promise<Post> {
  requireActor(actor);
  const { loaded, postId } = await hub.db.transaction((tx) => replyWithin(hub, tx, actor, threadId, input));
  return postView(hub, actor, loaded, postId);
}

/**
 * A reply, in the caller's transaction: the web's reply and a reply by mail (which
 * records the received mail in the same transaction) go through the same rules.
 */
export async function replyWithin(hub: DiscussionsHub, tx: Tx, actor: Actor, threadId: string, input: ReplyInput) {
  const loaded = await authorizedThread(tx, actor, threadId, 'takePart', { lock: true });
  const { thread } = loaded;
  assertOpen(thread, actor);
  const newAccount = await assertMayPost(hub, tx, actor);
  let replyToAuthorId: string | null = null;
  if (input.replyTo) {
    const target = await repo.findPost(tx, input.replyTo);
    if (!target || target.threadId !== thread.id) {
      throw conflict('invalid_answer', 'The post replied to is not in this thread.', [
        { field: 'body.replyTo', code: 'not_in_thread', message: 'not a post of this thread' }
      ]);
    }
    replyToAuthorId = target.authorId;
  }
  const now = new Date();
  const number = await repo.takePostNumber(tx, thread.id, now);
  const body = await renderPost(tx, input.body);
  await markImagesUsed(tx, body.imageIds);
  const held = holdsLinks(newAccount, body.html);
  const post = await repo.insertPost(tx, {
    threadId: thread.id,
    number,
    authorId: actor.id,
    replyToPostId: input.replyTo ?? null,
    bodySource: input.body,
    bodyHtml: body.html,
    bodyText: body.text,
    createdAt: now,
    hiddenAt: held ? now : null
  });
  if (held) await holdForReview(tx, post.id);
  await repo.recountReplies(tx, thread.id);
  await repo.followIfNew(tx, thread.id, actor.id, 'tracking');
  await repo.recordRead(tx, thread.id, actor.id, number);
  const told = await notifyMentions(hub, tx, { thread, post, actor, mentioned: body.mentioned });
  if (!held) await notifyReply(hub, tx, { thread, post, actor, replyToAuthorId, alreadyTold: told });
  await afterChange(hub, tx, thread.id, 'post.created', { id: post.id, hiddenPost: held });
  return { loaded, postId: post.id };
}

export async function editPost(hub: DiscussionsHub, actor: Actor | null, postId: string, source: string): Promise<Post> {
  requireActor(actor);
  const loaded = await hub.db.transaction(async (tx) => {
    const { thread, opening, post } = await authorizedPost(tx, actor, postId, 'edit', { lock: true });
    assertOpen(thread, actor);
    if (post.deletedAt) throw conflict('post_deleted', 'The post was deleted.');
    await repo.insertRevision(tx, {
      postId: post.id,
      bodySource: post.bodySource,
      bodyHtml: post.bodyHtml,
      title: post.number === 1 ? thread.title : null,
      editorId: actor.id,
      writtenAt: post.editedAt ?? post.createdAt
    });
    const body = await renderPost(tx, source);
    await markImagesUsed(tx, body.imageIds);
    const updated = await repo.updatePost(tx, post.id, { bodySource: source, bodyHtml: body.html, bodyText: body.text, editedAt: new Date() });
    // Only people newly mentioned by the edit are told.
    const before = new Set((await renderPost(tx, post.bodySource)).mentioned.map((p) => p.id));
    await notifyMentions(hub, tx, { thread, post: updated, actor, mentioned: body.mentioned, alreadyTold: before });
    await afterChange(hub, tx, thread.id, 'post.updated', { id: post.id, hiddenPost: post.hiddenAt !== null });
    return { thread, opening: post.number === 1 ? updated : opening };
  });
  return postView(hub, actor, loaded, postId);
}

/**
 * Deleting leaves a tombstone: the number stays, the text goes (its revisions too,
 * since the author took it back), so replies that quote it still read in order.
 */
export async function deletePost(hub: DiscussionsHub, actor: Actor | null, postId: string): Promise<void> {
  await hub.db.transaction(async (tx) => {
    const { thread, post } = await authorizedPost(tx, actor, postId, 'edit', { lock: true });
    if (post.deletedAt) return;
    await repo.updatePost(tx, post.id, { deletedAt: new Date(), bodySource: '', bodyHtml: '', bodyText: '' });
    await repo.deleteRevisions(tx, post.id);
    if (thread.acceptedPostId === post.id) await repo.updateThread(tx, thread.id, { acceptedPostId: null });
    await repo.recountReplies(tx, thread.id);
    await afterChange(hub, tx, thread.id, 'post.updated', { id: post.id, hiddenPost: post.hiddenAt !== null });
  });
}

export async function acceptAnswer(hub: DiscussionsHub, actor: Actor | null, threadId: string, postId: string | null) {
  return hub.db.transaction(async (tx) => {
    const { thread } = await authorizedThread(tx, actor, threadId, 'accept', { lock: true });
    if (thread.kind !== 'question') throw conflict('not_a_question', 'Only questions have an accepted answer.');
    if (postId === thread.acceptedPostId) return { acceptedPostId: postId };
    let post: repo.PostRow | undefined;
    if (postId) {
      post = await repo.findPost(tx, postId);
      if (!post || post.threadId !== thread.id || post.number === 1 || post.deletedAt || post.hiddenAt) {
        throw conflict('invalid_answer', 'The accepted answer must be a visible reply in this thread.', [
          { field: 'body.postId', code: 'not_a_reply', message: 'not a visible reply of this thread' }
        ]);
      }
    }
    const updated = await repo.updateThread(tx, thread.id, { acceptedPostId: postId });
    if (post) await notifyAccepted(hub, tx, { thread: updated, post, actor: actor! });
    await afterChange(hub, tx, thread.id, 'thread.updated');
    return { acceptedPostId: postId };
  });
}

export async function react(hub: DiscussionsHub, actor: Actor | null, postId: string, helpful: boolean) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const { thread, post } = await authorizedPost(tx, actor, postId, 'takePart', { lock: false });
    if (helpful) {
      if (post.deletedAt) throw notFound('The post was deleted.');
      if (post.authorId === actor.id) throw forbidden('You cannot mark your own post helpful.');
      const { added, helpfulCount } = await repo.addReaction(tx, post.id, actor.id);
      if (added) await afterChange(hub, tx, thread.id, 'post.reacted', { id: post.id, reindex: false, hiddenPost: post.hiddenAt !== null });
      return { helpfulCount, reactedByMe: true };
    }
    const { removed, helpfulCount } = await repo.removeReaction(tx, post.id, actor.id);
    if (removed) await afterChange(hub, tx, thread.id, 'post.reacted', { id: post.id, reindex: false, hiddenPost: post.hiddenAt !== null });
    return { helpfulCount, reactedByMe: false };
  });
}

export async function follow(hub: DiscussionsHub, actor: Actor | null, threadId: string, level: FollowLevel) {
  return hub.db.transaction(async (tx) => {
    const { thread } = await authorizedThread(tx, actor, threadId, 'takePart', { lock: false });
    await repo.setFollow(tx, thread.id, actor!.id, level);
    return { level };
  });
}
