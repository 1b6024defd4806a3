import type { Tx } from '@mutirao/db';
import type { Actor } from '../../auth/can';
import { notify, wantsMail } from '../notifications/notifications.service';
import { unsubscribable } from '../notifications/unsubscribe';
import { queueMails, type DiscussionsHub } from './discussions.changes';
import { discussionMail } from './discussions.mail';
import { withReplyAddress } from './discussions.reply-address';
import type { PostRow, ThreadRow } from './discussions.repo';
import * as repo from './discussions.repo';

type Person = Awaited<ReturnType<typeof repo.peopleByIds>>[number];

const linkTo = (hub: DiscussionsHub, thread: ThreadRow, post: PostRow) =>
  `${hub.config.publicOrigin}/discussions/${thread.id}?post=${post.number}#post-${post.number}`;

function about(thread: ThreadRow, post: PostRow, actorName: string) {
  return { threadId: thread.id, postId: post.id, postNumber: post.number, title: thread.title, actorName };
}

/**
 * People @mentioned in a post: told in the app and by mail at once, unless they
 * muted the thread, wrote the post themselves, or the post is hidden.
 */
export async function notifyMentions(
  hub: DiscussionsHub,
  tx: Tx,
  change: { thread: ThreadRow; post: PostRow; actor: Actor; mentioned: Person[]; alreadyTold?: Set<string> }
): Promise<Set<string>> {
  const told = new Set<string>();
  if (change.post.hiddenAt) return told;
  const actor = await repo.findPerson(tx, change.actor.id);
  const levels = new Map((await repo.followersOf(tx, change.thread.id)).map((f) => [f.userId, f.level]));
  for (const person of change.mentioned) {
    if (person.id === change.actor.id || levels.get(person.id) === 'muted' || change.alreadyTold?.has(person.id)) continue;
    told.add(person.id);
    await notify(hub, tx, person.id, 'discussion.mention', about(change.thread, change.post, actor?.name ?? ''));
    if (!(await wantsMail(tx, person.id, 'discussion.mention'))) continue;
    const mail = discussionMail('mention', person, { actor: actor?.name ?? '', title: change.thread.title, link: linkTo(hub, change.thread, change.post) });
    // A reply to the mail answers the post that mentioned them.
    const replyable = await withReplyAddress(hub, tx, mail, { userId: person.id, locale: person.locale, threadId: change.thread.id, postId: change.post.id });
    await queueMails(hub, tx, [await unsubscribable(hub, tx, person.id, 'discussion.mention', replyable)]);
  }
  return told;
}

/**
 * A new reply: everyone watching the thread, and the author of the post it answers
 * when they track it, hear of it in the app (mentions were told already, once).
 */
export async function notifyReply(
  hub: DiscussionsHub,
  tx: Tx,
  change: { thread: ThreadRow; post: PostRow; actor: Actor; replyToAuthorId: string | null; alreadyTold: Set<string> }
): Promise<void> {
  const actor = await repo.findPerson(tx, change.actor.id);
  const data = about(change.thread, change.post, actor?.name ?? '');
  for (const follower of await repo.followersOf(tx, change.thread.id)) {
    if (follower.userId === change.actor.id || change.alreadyTold.has(follower.userId)) continue;
    const repliedTo = follower.userId === change.replyToAuthorId;
    if (follower.level === 'watching' || (follower.level === 'tracking' && repliedTo)) {
      await notify(hub, tx, follower.userId, 'discussion.reply', data);
    }
  }
}

/** The author of an accepted reply: told in the app and by mail. */
export async function notifyAccepted(hub: DiscussionsHub, tx: Tx, change: { thread: ThreadRow; post: PostRow; actor: Actor }): Promise<void> {
  if (!change.post.authorId || change.post.authorId === change.actor.id) return;
  const [person] = await repo.peopleByIds(tx, [change.post.authorId]);
  const actor = await repo.findPerson(tx, change.actor.id);
  if (!person) return;
  await notify(hub, tx, person.id, 'discussion.accepted', about(change.thread, change.post, actor?.name ?? ''));
  if (!(await wantsMail(tx, person.id, 'discussion.accepted'))) return;
  const mail = discussionMail('accepted', person, { actor: actor?.name ?? '', title: change.thread.title, link: linkTo(hub, change.thread, change.post) });
  // Their own answer is not what a reply answers: it goes to the thread.
  const replyable = await withReplyAddress(hub, tx, mail, { userId: person.id, locale: person.locale, threadId: change.thread.id, postId: null });
  await queueMails(hub, tx, [await unsubscribable(hub, tx, person.id, 'discussion.accepted', replyable)]);
}

/** A new thread: everyone watching its theme hears of it in the app (not its author, not anyone already mentioned). */
export async function notifyNewThread(hub: DiscussionsHub, tx: Tx, change: { thread: ThreadRow; post: PostRow; actor: Actor; alreadyTold: Set<string> }): Promise<void> {
  if (change.post.hiddenAt) return;
  const actor = await repo.findPerson(tx, change.actor.id);
  const data = about(change.thread, change.post, actor?.name ?? '');
  for (const userId of await repo.themeWatchers(tx, change.thread.theme)) {
    if (userId === change.actor.id || change.alreadyTold.has(userId)) continue;
    await notify(hub, tx, userId, 'discussion.new_thread', data);
  }
}
