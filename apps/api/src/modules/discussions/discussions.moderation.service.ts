// Flags from readers and what coordinators do about them: hide or restore a post,
// lock, pin or move a thread. Every coordinator action is written to the audit log.
import type { FlagQueue, FlagReason, Theme, ThreadModerationAction } from '@mutirao/shared';
import { authorize, type Actor } from '../../auth/can';
import { badRequest, forbidden } from '../../http/errors';
import { excerpt } from '../../infra/markdown';
import { authorizedPost, authorizedThread } from './discussions.access';
import { afterChange, type DiscussionsHub } from './discussions.changes';
import { toPost } from './discussions.mapper';
import * as repo from './discussions.repo';

export async function flagPost(hub: DiscussionsHub, actor: Actor | null, postId: string, input: { reason: FlagReason; note?: string }) {
  return hub.db.transaction(async (tx) => {
    const { post } = await authorizedPost(tx, actor, postId, 'takePart', { lock: false });
    if (post.authorId === actor!.id) throw forbidden('You cannot flag your own post.');
    const flag = await repo.insertFlag(tx, { postId: post.id, reporterId: actor!.id, reason: input.reason, note: input.note?.trim() || null });
    return { flag: { id: flag.id } };
  });
}

export async function listFlags(hub: DiscussionsHub, actor: Actor | null): Promise<FlagQueue> {
  authorize(actor, 'hub.moderate');
  const rows = await repo.openFlags(hub.db, 100);
  return {
    items: rows.map((r) => ({
      id: r.flag.id,
      reason: r.flag.reason,
      note: r.flag.note,
      reporter: r.flag.reporterId ? { id: r.flag.reporterId, name: r.reporterName ?? '' } : null,
      createdAt: r.flag.createdAt.toISOString(),
      post: {
        id: r.post.id,
        number: r.post.number,
        threadId: r.post.threadId,
        threadTitle: r.threadTitle,
        excerpt: excerpt(r.post.bodyText, 300),
        hidden: r.post.hiddenAt !== null,
        author: r.post.authorId ? { id: r.post.authorId, name: r.authorName ?? '' } : null
      }
    }))
  };
}

/**
 * Hides or restores a post. The live event goes out as a `thread.updated` (no post id)
 * so open pages re-fetch and the post disappears for readers; the search document is
 * rebuilt without (or with) its text.
 */
export async function moderatePost(hub: DiscussionsHub, actor: Actor | null, postId: string, action: 'hide' | 'restore', reason?: string) {
  authorize(actor, 'hub.moderate');
  const loaded = await hub.db.transaction(async (tx) => {
    const { thread, opening, post } = await authorizedPost(tx, actor, postId, 'moderate', { lock: true });
    const hiddenAt = action === 'hide' ? (post.hiddenAt ?? new Date()) : null;
    const updated = await repo.updatePost(tx, post.id, { hiddenAt });
    if (action === 'hide' && thread.acceptedPostId === post.id) await repo.updateThread(tx, thread.id, { acceptedPostId: null });
    await repo.recountReplies(tx, thread.id);
    await repo.resolveFlags(tx, post.id, actor.id);
    await repo.recordAudit(tx, { threadId: thread.id, postId: post.id, actorId: actor.id, action: `post.${action === 'hide' ? 'hidden' : 'restored'}`, details: reason ? { reason } : {} });
    await afterChange(hub, tx, thread.id, 'thread.updated');
    return { thread: (await repo.findThread(tx, thread.id))!, opening: post.number === 1 ? updated : opening };
  });
  const row = (await repo.postWithNames(hub.db, postId))!;
  const t = loaded.thread;
  return toPost(row, {
    actor,
    thread: { authorId: t.authorId, opening: loaded.opening, kind: t.kind, acceptedPostId: t.acceptedPostId, locked: t.lockedAt !== null },
    reacted: false
  });
}

export async function moderateThread(hub: DiscussionsHub, actor: Actor | null, threadId: string, action: ThreadModerationAction, theme?: Theme) {
  authorize(actor, 'hub.moderate');
  if (action === 'move' && !theme) {
    throw badRequest('validation_failed', 'Moving a thread needs the new theme.', [{ field: 'body.theme', code: 'required', message: 'required for move' }]);
  }
  await hub.db.transaction(async (tx) => {
    const { thread } = await authorizedThread(tx, actor, threadId, 'moderate', { lock: true });
    const now = new Date();
    const changes = {
      lock: { lockedAt: thread.lockedAt ?? now },
      unlock: { lockedAt: null },
      pin: { pinnedAt: thread.pinnedAt ?? now },
      unpin: { pinnedAt: null },
      move: { theme: theme ?? thread.theme }
    }[action];
    await repo.updateThread(tx, thread.id, changes);
    await repo.recordAudit(tx, {
      threadId: thread.id,
      actorId: actor.id,
      action: `thread.${action}`,
      details: action === 'move' ? { from: thread.theme, to: theme } : {}
    });
    await afterChange(hub, tx, thread.id, 'thread.updated');
  });
}
