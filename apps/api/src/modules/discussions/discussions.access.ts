import type { Tx } from '@mutirao/db';
import { requireActor, type Actor } from '../../auth/can';
import { notFound } from '../../http/errors';
import { authorizeDiscussion, type DiscussionAction } from './discussions.policy';
import * as repo from './discussions.repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads a thread (locked `FOR UPDATE` for changes, so post numbers, counts and the
 * accepted answer are decided one writer at a time) with its opening post, and
 * checks the actor may do this to it.
 */
export async function authorizedThread(tx: Tx, actor: Actor | null | undefined, id: string, action: DiscussionAction, options: { lock: boolean }) {
  if (action !== 'view') requireActor(actor);
  const thread = options.lock ? await repo.lockThread(tx, id) : await repo.findThread(tx, id);
  const opening = thread ? await repo.openingPost(tx, thread.id) : undefined;
  const facts = thread && opening ? { authorId: thread.authorId, opening } : undefined;
  authorizeDiscussion(actor, action, facts);
  return { thread: thread!, opening: opening! };
}

/** Loads a post and its thread (the thread locked for changes) and checks the actor may do this to the post. */
export async function authorizedPost(tx: Tx, actor: Actor | null | undefined, postId: string, action: DiscussionAction, options: { lock: boolean }) {
  if (action !== 'view') requireActor(actor);
  if (!UUID.test(postId)) throw notFound('No such post.');
  const found = await repo.findPost(tx, postId);
  const thread = found ? (options.lock ? await repo.lockThread(tx, found.threadId) : await repo.findThread(tx, found.threadId)) : undefined;
  // Read again under the thread's lock, so the post's state is the one the change sees.
  const post = found && options.lock ? await repo.findPost(tx, postId) : found;
  const opening = thread ? await repo.openingPost(tx, thread.id) : undefined;
  const facts = thread && opening ? { authorId: thread.authorId, opening } : undefined;
  authorizeDiscussion(actor, action, facts, post);
  return { thread: thread!, opening: opening!, post: post! };
}
