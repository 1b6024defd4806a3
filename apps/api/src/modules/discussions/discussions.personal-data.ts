// The discussions domain's part in the owner's data rights: everything the person
// wrote, reacted to, flagged and followed in the export; on deletion their threads
// and posts stay (others replied to them and quote them) under the former-member
// name the anonymised account carries, and what only served their own reading goes.
// Images they uploaded are part of those posts, so they stay with them (as Discourse
// keeps a deleted user's uploads with their posts); the export lists them with their
// addresses, and uploads no post used are removed within a day by housekeeping anyway.
import type { Tx } from '@mutirao/db';
import type { Hub } from '../../hub';
import { postImageUrl } from './discussions.image-info';
import { postImagesBy } from './discussions.images.repo';
import * as repo from './discussions.personal-data.repo';
import { deleteReplyMailDataOf } from './discussions.reply-mail.repo';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function exportDiscussionData(hub: Pick<Hub, 'db'>, userId: string) {
  const [threads, posts, reactions, flags, follows, reads, watchedThemes, images] = await Promise.all([
    repo.threadsBy(hub.db, userId),
    repo.postsBy(hub.db, userId),
    repo.reactionsBy(hub.db, userId),
    repo.flagsBy(hub.db, userId),
    repo.followsOf(hub.db, userId),
    repo.readsOf(hub.db, userId),
    repo.watchedThemesOf(hub.db, userId),
    postImagesBy(hub.db, userId)
  ]);
  const revisions = await repo.revisionsOfPostsBy(
    hub.db,
    posts.map((p) => p.id)
  );
  return {
    threads: threads.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })),
    posts: posts.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), editedAt: iso(p.editedAt), deletedAt: iso(p.deletedAt), hiddenAt: iso(p.hiddenAt) })),
    revisions: revisions.map((r) => ({ ...r, writtenAt: r.writtenAt.toISOString(), replacedAt: r.replacedAt.toISOString() })),
    helpfulReactions: reactions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    flags: flags.map((f) => ({ ...f, createdAt: f.createdAt.toISOString(), resolvedAt: iso(f.resolvedAt) })),
    follows: follows.map((f) => ({ ...f, updatedAt: f.updatedAt.toISOString() })),
    readPositions: reads.map((r) => ({ ...r, readAt: r.readAt.toISOString() })),
    watchedThemes: watchedThemes.map((w) => ({ theme: w.theme, since: w.since.toISOString() })),
    images: images.map((i) => ({
      id: i.id,
      url: postImageUrl(i.id),
      width: i.width,
      height: i.height,
      uploadedAt: i.createdAt.toISOString(),
      usedInAPostSince: iso(i.usedAt)
    }))
  };
}

/**
 * Reactions and flags stay: the helpful counts and the moderation record others
 * see rest on them, and they now point at an anonymised account.
 */
export async function eraseDiscussionData(_hub: Hub, tx: Tx, userId: string): Promise<void> {
  await repo.deleteReadingStateOf(tx, userId);
  await deleteReplyMailDataOf(tx, userId);
}
