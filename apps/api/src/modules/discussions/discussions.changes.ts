import type { Tx } from '@mutirao/db';
import { POST_IMAGE_PREFIX } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import { AppError } from '../../http/errors';
import { renderMarkdown } from '../../infra/markdown';
import type { OutgoingMail } from '../../infra/mail';
import { queueMail } from '../../jobs/mail.job';
import { imageInfoFor } from './discussions.image-info';
import * as repo from './discussions.repo';

export const THREADS_INDEX = 'threads';

/**
 * What the discussion services need. Jobs (mail) and the log are optional so the
 * demo seed, which has neither and mails nobody, runs the same rules.
 */
export type DiscussionsHub = Pick<Hub, 'db' | 'config' | 'search' | 'live'> &
  Partial<Pick<Hub, 'jobs' | 'log'>> & {
    /** false only for the demo seed, whose people are minutes old by construction. */
    newAccountLimit?: false;
  };

/** What a change did, as the live event's type: clients re-fetch the thread either way. */
export type LiveChange = 'post.created' | 'post.updated' | 'post.reacted' | 'thread.updated';

/**
 * After a change to a thread, in its transaction: the search outbox row and the live
 * event on `thread:<id>`. A change to a hidden post is not announced: the event would
 * tell every reader that something happened to a post they may not see.
 */
export async function afterChange(
  hub: DiscussionsHub,
  tx: Tx,
  threadId: string,
  change: LiveChange,
  options: { id?: string; reindex?: boolean; hiddenPost?: boolean } = {}
): Promise<void> {
  if (options.reindex !== false) await hub.search.enqueue(tx, THREADS_INDEX, threadId, 'upsert');
  if (options.hiddenPost) return;
  await hub.live.publish(tx, { topic: `thread:${threadId}`, type: change, id: options.id ?? threadId });
}

/** `@Ana_Souza`: a mention is `@` and a person's name with its spaces written as `_`. */
const MENTION = /(^|[^\p{L}\p{N}_@/])@([\p{L}\p{N}][\p{L}\p{N}_.-]{1,60})/gu;

export function mentionHandles(source: string): string[] {
  const handles = new Set<string>();
  for (const match of source.matchAll(MENTION)) handles.add(match[2].replace(/[.-]+$/, '').toLowerCase());
  return [...handles].slice(0, 20);
}

/**
 * Renders a post's Markdown. Mentions of people who exist become links to their
 * profile; the source keeps what the author typed, so an edit shows it unchanged.
 * Images show only when they are the hub's own uploads (with their size); `imageIds`
 * are those, for the caller that saves the post to mark them used.
 */
export async function renderPost(tx: Tx, source: string) {
  const images = await imageInfoFor(tx, source);
  const people = await repo.peopleByHandles(tx, mentionHandles(source));
  const byHandle = new Map(people.map((p) => [p.handle, p]));
  const linked = source.replace(MENTION, (whole, before: string, handle: string) => {
    const clean = handle.replace(/[.-]+$/, '');
    const person = byHandle.get(clean.toLowerCase());
    if (!person) return whole;
    return `${before}[@${clean}](/people/${person.id})${handle.slice(clean.length)}`;
  });
  const rendered = renderMarkdown(linked, { imagePrefix: POST_IMAGE_PREFIX, imageInfo: images.info });
  return { ...rendered, mentioned: people, imageIds: images.ids };
}

export async function queueMails(hub: DiscussionsHub, tx: Tx, mails: OutgoingMail[]): Promise<void> {
  if (!hub.jobs) return;
  for (const mail of mails) await queueMail({ jobs: hub.jobs }, tx, mail);
}

/** Lower-case words of the title for readable addresses; the id is what finds the thread. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'debate';
}

/** Accounts younger than this may post only a few times an hour, and their links wait for review. */
const NEW_ACCOUNT_HOURS = 24;
const NEW_ACCOUNT_POSTS_PER_HOUR = 5;

/** Whether the actor's account is under a day old (coordinators never count as new). */
export async function isNewAccount(hub: DiscussionsHub, tx: Tx, actor: Actor): Promise<boolean> {
  if (isStaff(actor) || hub.newAccountLimit === false) return false;
  const person = await repo.findPerson(tx, actor.id);
  return !!person && Date.now() - person.createdAt.getTime() < NEW_ACCOUNT_HOURS * 3600_000;
}

/**
 * Refuses a new account's post beyond its hourly allowance: spam comes from fresh
 * accounts, and people starting out rarely need more. Answers whether the account is new.
 */
export async function assertMayPost(hub: DiscussionsHub, tx: Tx, actor: Actor): Promise<boolean> {
  if (!(await isNewAccount(hub, tx, actor))) return false;
  if ((await repo.recentPostCount(tx, actor.id, 60)) >= NEW_ACCOUNT_POSTS_PER_HOUR) {
    throw new AppError(429, 'rate_limited', 'New accounts may post a few times an hour. Try again later.', undefined, { 'retry-after': '600' });
  }
  return true;
}

/** A post with a link to another site, by a new account, waits hidden for a coordinator (a link is what spam is for). */
export const holdsLinks = (newAccount: boolean, html: string) => newAccount && /<a href="(https?:|mailto:)/i.test(html);

/** Hides a held post and puts it in the coordinators' queue, with the reason, in the post's transaction. */
export async function holdForReview(tx: Tx, postId: string): Promise<void> {
  await repo.insertFlag(tx, { postId, reporterId: null, reason: 'spam', note: 'Held for review: links from an account less than a day old.' });
}
