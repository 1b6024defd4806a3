import type { Post, ThreadCard } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import { excerpt } from '../../infra/markdown';
import { canDiscussion, type ThreadFacts } from './discussions.policy';
import type { PostWithNames, ThreadListRow } from './discussions.repo';

/** The fields of a thread that leave the server, with the reader's unread count. */
export function toThreadCard(row: ThreadListRow, viewerId: string | null): ThreadCard {
  const t = row.thread;
  return {
    id: t.id,
    slug: t.slug,
    kind: t.kind,
    title: t.title,
    theme: t.theme,
    tags: t.tags,
    countries: t.countries,
    language: t.language,
    author: t.authorId ? { id: t.authorId, name: row.authorName ?? '' } : null,
    organisation: row.organisation?.id ? { id: row.organisation.id, slug: row.organisation.slug, name: row.organisation.name } : null,
    excerpt: excerpt(row.openingText ?? '', 200),
    replyCount: t.replyCount,
    solved: t.acceptedPostId !== null,
    pinned: t.pinnedAt !== null,
    locked: t.lockedAt !== null,
    lastActivityAt: t.lastActivityAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
    unreadCount: viewerId ? Math.max(0, t.lastPostNumber - (row.lastRead ?? 0)) : 0
  };
}

/**
 * A post as this reader may see it. A deleted post is a tombstone (no text); the
 * Markdown source goes only to whoever may edit it.
 */
export function toPost(
  row: PostWithNames,
  context: { actor: Actor | null; thread: ThreadFacts & { kind: string; acceptedPostId: string | null; locked: boolean }; reacted: boolean }
): Post {
  const p = row.post;
  const { actor, thread } = context;
  const deleted = p.deletedAt !== null;
  const mayEdit = !deleted && canDiscussion(actor, 'edit', thread, p) && (!thread.locked || isStaff(actor));
  const isReply = p.number > 1;
  return {
    id: p.id,
    number: p.number,
    author: p.authorId ? { id: p.authorId, name: row.authorName ?? '' } : null,
    replyTo: p.replyToPostId && row.replyToNumber !== null ? { id: p.replyToPostId, number: row.replyToNumber, authorName: row.replyToAuthor } : null,
    html: deleted ? null : p.bodyHtml,
    source: mayEdit ? p.bodySource : null,
    deleted,
    hidden: p.hiddenAt !== null,
    editedAt: p.editedAt ? p.editedAt.toISOString() : null,
    helpfulCount: p.helpfulCount,
    reactedByMe: context.reacted,
    accepted: thread.acceptedPostId === p.id,
    createdAt: p.createdAt.toISOString(),
    viewer: {
      edit: mayEdit,
      delete: !deleted && canDiscussion(actor, 'edit', thread, p),
      accept: isReply && !deleted && p.hiddenAt === null && thread.kind === 'question' && canDiscussion(actor, 'accept', thread),
      react: !deleted && !!actor && p.authorId !== actor.id && canDiscussion(actor, 'takePart', thread, p),
      flag: !deleted && !!actor && p.authorId !== actor.id && canDiscussion(actor, 'takePart', thread, p),
      moderate: isStaff(actor)
    }
  };
}
