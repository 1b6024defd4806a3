import { createHash } from 'node:crypto';
import { DIGEST_MAIL_KIND, type Locale } from '@mutirao/shared';
import type { Hub } from '../../hub';
import type { OutgoingMail } from '../../infra/mail';
import { defineJobKind } from '../../jobs/job-kind';
import { queueMail } from '../../jobs/mail.job';
import type { JobQueue, JobRunner } from '../../jobs/runner';
import type { RuntimeHub } from '../../module';
import { wantsMail } from '../notifications/notifications.service';
import { unsubscribable } from '../notifications/unsubscribe';
import * as repo from './discussions.digest.repo';

/**
 * The daily digest of watched activity: one run for the whole hub at 11:00 UTC
 * (08:00 in São Paulo and Buenos Aires, 06:00 in Bogotá, Lima and Mexico City),
 * since accounts have no time zone of their own yet.
 */
export const DIGEST_HOUR_UTC = 11;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A first digest covers the day before; after a long outage, at most a week is gathered. */
const FIRST_WINDOW_MS = DAY_MS;
const LONGEST_WINDOW_MS = 7 * DAY_MS;

export interface DigestPayload {
  /** The moment the run covers activity up to: fixed in the payload, so a retry covers the same window. */
  until: string;
}

export const DISCUSSION_DIGEST = defineJobKind<DigestPayload>('discussions.digest', {
  describe: (p) => `daily digest up to ${p.until}`,
  // One run walks every person with news; each person is one short transaction.
  expireInSeconds: 1800,
  retryLimit: 5
});

/** The next run after `now`. */
export function nextDigestAt(now: Date): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  return at > now ? at : new Date(at.getTime() + DAY_MS);
}

/** A job id derived from the run's moment: every process enqueueing the same run adds one job. */
function runId(until: Date): string {
  const h = createHash('sha256').update(`${DISCUSSION_DIGEST.name}:${until.toISOString()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Makes sure tomorrow's (or today's) run waits in the queue. Run by every process's
 * housekeeping: the job's id is the run's, so however many processes ask, one job
 * exists; and a run repeated anyway (its job deleted once done) mails nobody twice,
 * because each person's `last_digest_at` already reached its moment.
 */
export async function scheduleDigest(hub: Pick<Hub, 'db' | 'jobs'>, now = new Date()): Promise<Date> {
  const until = nextDigestAt(now);
  await hub.db.transaction((tx) => hub.jobs.enqueue(tx, DISCUSSION_DIGEST, { until: until.toISOString() }, { startAfter: until, id: runId(until) }));
  return until;
}

/**
 * Mails each person who wants it their digest of what happened up to `until`. Each
 * person is one transaction that locks their digest state, gathers, queues the mail
 * and moves `last_digest_at` to `until`: a retry or a second process skips whoever
 * is done, and a person with nothing new is sent nothing.
 */
export async function sendDigests(hub: Pick<Hub, 'db' | 'config'> & { jobs: JobQueue }, until: Date): Promise<number> {
  let sent = 0;
  const firstStart = new Date(until.getTime() - FIRST_WINDOW_MS);
  for (const userId of await repo.peopleWithNewActivity(hub.db, until, firstStart)) {
    const mailed = await hub.db.transaction(async (tx) => {
      const last = await repo.lockDigestState(tx, userId, firstStart);
      if (last >= until) return false;
      await repo.markDigested(tx, userId, until);
      if (!(await wantsMail(tx, userId, DIGEST_MAIL_KIND))) return false;
      const since = new Date(Math.max(last.getTime(), until.getTime() - LONGEST_WINDOW_MS));
      const [items, person] = [await repo.digestPosts(tx, userId, since, until), await repo.recipient(tx, userId)];
      if (items.length === 0 || !person) return false;
      const mail = digestMail(person, items, hub.config.publicOrigin);
      await queueMail(hub, tx, await unsubscribable(hub, tx, userId, DIGEST_MAIL_KIND, mail));
      return true;
    });
    if (mailed) sent++;
  }
  return sent;
}

export function handleDigests(jobs: JobRunner, hub: RuntimeHub): void {
  jobs.handle(DISCUSSION_DIGEST, async (payload) => {
    await sendDigests(hub, new Date(payload.until));
  });
}

// ---------------------------------------------------------------- the mail

interface Words {
  subject: (counts: string) => string;
  hello: (name: string) => string;
  intro: string;
  newThreads: string;
  replies: string;
  replyCount: (n: number) => string;
  threadCount: (n: number) => string;
  by: (name: string) => string;
  more: (n: number) => string;
  quote: (title: string) => string;
  someone: string;
}

const words: Record<Locale, Words> = {
  es: {
    subject: (counts) => `Tu resumen diario de Mutirão: ${counts}`,
    hello: (name) => `Hola, ${name}:`,
    intro: 'Esto es lo nuevo en los debates y temas que sigues desde tu último resumen.',
    newThreads: 'Debates nuevos en tus temas',
    replies: 'Respuestas nuevas en debates que sigues',
    replyCount: (n) => (n === 1 ? '1 respuesta nueva' : `${n} respuestas nuevas`),
    threadCount: (n) => (n === 1 ? '1 debate nuevo' : `${n} debates nuevos`),
    by: (name) => `de ${name}`,
    more: (n) => (n === 1 ? 'y 1 más' : `y ${n} más`),
    quote: (title) => `«${title}»`,
    someone: 'Una persona ex-integrante'
  },
  pt: {
    subject: (counts) => `Seu resumo diário do Mutirão: ${counts}`,
    hello: (name) => `Olá, ${name}!`,
    intro: 'Veja o que há de novo nos debates e temas que você segue desde o seu último resumo.',
    newThreads: 'Debates novos nos seus temas',
    replies: 'Respostas novas em debates que você segue',
    replyCount: (n) => (n === 1 ? '1 resposta nova' : `${n} respostas novas`),
    threadCount: (n) => (n === 1 ? '1 debate novo' : `${n} debates novos`),
    by: (name) => `de ${name}`,
    more: (n) => (n === 1 ? 'e mais 1' : `e mais ${n}`),
    quote: (title) => `“${title}”`,
    someone: 'Uma pessoa ex-integrante'
  },
  en: {
    subject: (counts) => `Your daily Mutirão digest: ${counts}`,
    hello: (name) => `Hello ${name},`,
    intro: 'Here is what is new in the discussions and themes you follow since your last digest.',
    newThreads: 'New discussions in your themes',
    replies: 'New replies in discussions you follow',
    replyCount: (n) => (n === 1 ? '1 new reply' : `${n} new replies`),
    threadCount: (n) => (n === 1 ? '1 new discussion' : `${n} new discussions`),
    by: (name) => `by ${name}`,
    more: (n) => `and ${n} more`,
    quote: (title) => `“${title}”`,
    someone: 'A former member'
  }
};

/** Threads listed per section, and replies quoted per thread: a digest is read on a phone. */
const THREADS_SHOWN = 20;
const REPLIES_QUOTED = 3;
const EXCERPT_CHARS = 160;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS - 1).trimEnd()}…`;
}

const postLink = (origin: string, threadId: string, number: number) => `${origin}/discussions/${threadId}?post=${number}#post-${number}`;

/** The digest in the reader's language: new threads first, then replies grouped by thread, oldest first. */
export function digestMail(to: { email: string; name: string; locale: Locale }, items: repo.DigestPost[], origin: string): OutgoingMail {
  const w = words[to.locale];
  const newThreads = items.filter((i) => i.kind === 'discussion.new_thread');
  const replies = items.filter((i) => i.kind === 'discussion.reply');
  const byThread = new Map<string, repo.DigestPost[]>();
  for (const reply of replies) byThread.set(reply.threadId, [...(byThread.get(reply.threadId) ?? []), reply]);

  const counts = [
    newThreads.length > 0 ? w.threadCount(newThreads.length) : '',
    replies.length > 0 ? w.replyCount(replies.length) : ''
  ].filter(Boolean);
  const lines = [w.hello(to.name), '', w.intro];
  if (newThreads.length > 0) {
    lines.push('', `${w.newThreads} (${newThreads.length})`, '');
    for (const thread of newThreads.slice(0, THREADS_SHOWN)) {
      lines.push(`• ${w.quote(thread.title)} ${w.by(thread.authorName ?? w.someone)}`, `  ${excerpt(thread.text)}`, `  ${postLink(origin, thread.threadId, 1)}`, '');
    }
    if (newThreads.length > THREADS_SHOWN) lines.push(w.more(newThreads.length - THREADS_SHOWN), '');
  }
  if (byThread.size > 0) {
    lines.push('', `${w.replies} (${replies.length})`, '');
    const threads = [...byThread.values()];
    for (const posts of threads.slice(0, THREADS_SHOWN)) {
      lines.push(`• ${w.quote(posts[0].title)}: ${w.replyCount(posts.length)}`);
      for (const post of posts.slice(0, REPLIES_QUOTED)) lines.push(`  ${post.authorName ?? w.someone}: ${excerpt(post.text)}`);
      if (posts.length > REPLIES_QUOTED) lines.push(`  ${w.more(posts.length - REPLIES_QUOTED)}`);
      lines.push(`  ${postLink(origin, posts[0].threadId, posts[0].postNumber)}`, '');
    }
    if (threads.length > THREADS_SHOWN) lines.push(w.more(threads.length - THREADS_SHOWN), '');
  }
  return {
    to: to.email,
    subject: w.subject(counts.join(', ')),
    text: lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd(),
    kind: DIGEST_MAIL_KIND
  };
}
