// Reply by mail: discussion mails carry a signed Reply-To, the hub's SMTP listener
// accepts mail only for such addresses, and a job turns each accepted message into
// a reply through the same rules as the web's reply.
import { POST_BODY_MAX, type Locale } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import { AppError } from '../../http/errors';
import type { InboundMailHandler, InboundMessage } from '../../infra/inbound-smtp';
import type { OutgoingMail } from '../../infra/mail';
import { keyFromReplyAddress } from '../../infra/reply-address';
import { defineJobKind } from '../../jobs/job-kind';
import { queueMail } from '../../jobs/mail.job';
import type { JobRunner } from '../../jobs/runner';
import type { RuntimeHub } from '../../module';
import type { DiscussionsHub } from './discussions.changes';
import { replyWithin } from './discussions.posts.service';
import * as repo from './discussions.reply-mail.repo';
import { findThread } from './discussions.repo';
import { CONTROL as REFUSED_CONTROL } from '../../plugins/input-guard';

export interface MailReplyPayload {
  userId: string;
  messageKey: string;
  /** The reply address's key: it names the thread and the post answered. */
  key: string;
  threadId: string;
  /** The From header's address, lower-cased. */
  from: string;
  /** The text after quotes and signature were removed (at most one character over the limit). */
  body: string;
}

export const MAIL_REPLY = defineJobKind<MailReplyPayload>('discussions.mail-reply', {
  // Never the text: a failed job is listed to admins.
  describe: (p) => `reply by mail → thread ${p.threadId}`,
  retryLimit: 5
});

/**
 * The control characters the API refuses in any request (tabs and line breaks stay): a
 * mail cannot be sent back to be corrected, so they are removed from it instead.
 */
const CONTROL = new RegExp(REFUSED_CONTROL.source, 'g');

/** What the SMTP listener asks: only signed addresses whose key still exists are recipients. */
export function replyMailHandler(hub: Pick<Hub, 'db' | 'jobs' | 'config'>): InboundMailHandler {
  const settings = hub.config.replyByMail;
  if (!settings) throw new Error('reply by mail is not configured');
  const keyOf = (address: string) => keyFromReplyAddress(settings.secret, settings.domain, address);
  return {
    async acceptsRecipient(address) {
      const key = keyOf(address);
      return key !== null && (await repo.findReplyKey(hub.db, key)) !== undefined;
    },
    async deliver(message: InboundMessage) {
      const body = message.text.replace(CONTROL, '').slice(0, POST_BODY_MAX + 1);
      for (const address of message.recipients) {
        const key = keyOf(address);
        if (!key) continue;
        await hub.db.transaction(async (tx) => {
          const row = await repo.findReplyKey(tx, key);
          if (!row) return;
          // Recorded and queued together: a second delivery of the message finds the record and queues nothing.
          if (!(await repo.recordInboundReply(tx, { userId: row.userId, messageKey: message.messageKey, threadId: row.threadId }))) return;
          await hub.jobs.enqueue(tx, MAIL_REPLY, { userId: row.userId, messageKey: message.messageKey, key, threadId: row.threadId, from: message.from, body });
        });
      }
    }
  };
}

/** Refusals the author hears of by mail; anything else is dropped quietly (a hidden thread is not confirmed to exist). */
type BouncedReason = 'thread_locked' | 'rate_limited' | 'too_long';

const bounces: Record<BouncedReason, Record<Locale, string>> = {
  thread_locked: {
    es: 'El debate está cerrado: ya no admite respuestas.',
    pt: 'O debate está fechado: não aceita mais respostas.',
    en: 'The discussion is locked: it takes no more replies.'
  },
  rate_limited: {
    es: 'Las cuentas creadas hace menos de un día pueden publicar pocas veces por hora. Vuelve a intentarlo más tarde.',
    pt: 'Contas criadas há menos de um dia podem publicar poucas vezes por hora. Tente de novo mais tarde.',
    en: 'Accounts less than a day old may post only a few times an hour. Try again later.'
  },
  too_long: {
    es: `Tu respuesta es demasiado larga (el límite es de ${POST_BODY_MAX.toLocaleString('es')} caracteres).`,
    pt: `Sua resposta é longa demais (o limite é de ${POST_BODY_MAX.toLocaleString('pt-BR')} caracteres).`,
    en: `Your reply is too long (the limit is ${POST_BODY_MAX.toLocaleString('en')} characters).`
  }
};

function bounceMail(to: { email: string; locale: Locale }, title: string, link: string, reason: BouncedReason): OutgoingMail {
  const why = bounces[reason][to.locale];
  const texts: Record<Locale, { subject: string; text: string }> = {
    es: { subject: `Tu respuesta a «${title}» no se publicó`, text: `Hola:\n\nTu respuesta por correo al debate «${title}» no se publicó. ${why}\n\n${link}` },
    pt: { subject: `Sua resposta a “${title}” não foi publicada`, text: `Olá!\n\nSua resposta por e-mail ao debate “${title}” não foi publicada. ${why}\n\n${link}` },
    en: { subject: `Your reply to “${title}” was not posted`, text: `Hello,\n\nYour reply by email to the discussion “${title}” was not posted. ${why}\n\n${link}` }
  };
  return { to: to.email, ...texts[to.locale], kind: 'discussion.reply_refused' };
}

function bouncedReason(err: AppError): BouncedReason | null {
  if (err.code === 'thread_locked') return 'thread_locked';
  if (err.code === 'rate_limited') return 'rate_limited';
  return null;
}

/**
 * Turns a received reply into a post as the person the address was sent to, once:
 * the record is locked, and the post and the record's outcome commit together.
 * The account must still exist and be verified, the From header must be its
 * address, and the thread's rules (locked, hidden, new-account limits) apply as on
 * the web. A refusal the person can act on (locked, too many posts, too long) is
 * told by mail to their own address, never to the From header.
 */
export async function postMailReply(hub: DiscussionsHub & Pick<Hub, 'jobs'>, payload: MailReplyPayload): Promise<void> {
  await hub.db.transaction(async (tx) => {
    const record = await repo.lockInboundReply(tx, payload.userId, payload.messageKey);
    if (!record || record.status !== 'queued') return;
    const finish = (status: repo.InboundOutcome, reason?: string, postId?: string) =>
      repo.finishInboundReply(tx, payload.userId, payload.messageKey, { status, reason, postId });
    const person = await repo.findReplier(tx, payload.userId);
    if (!person || person.deletedAt || !person.emailVerifiedAt) return finish('dropped', 'account');
    if (payload.from !== person.emailNormalized) return finish('dropped', 'sender_mismatch');
    const key = await repo.findReplyKey(tx, payload.key);
    if (!key) return finish('dropped', 'address_gone');
    if (payload.body.trim() === '') return finish('dropped', 'empty');
    const refuse = async (reason: BouncedReason) => {
      await finish('refused', reason);
      const thread = await findThread(tx, key.threadId);
      if (!thread) return;
      await queueMail(hub, tx, bounceMail(person, thread.title, `${hub.config.publicOrigin}/discussions/${thread.id}`, reason));
    };
    if (payload.body.length > POST_BODY_MAX) return refuse('too_long');
    const actor: Actor = { id: person.id, role: person.role, emailVerified: true };
    try {
      // A savepoint: a refusal undoes the reply's writes and keeps the record's lock.
      const { postId } = await tx.transaction((inner) =>
        replyWithin(hub, inner, actor, key.threadId, { body: payload.body, ...(key.postId && { replyTo: key.postId }) })
      );
      await finish('posted', undefined, postId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const reason = bouncedReason(err);
      if (reason) return refuse(reason);
      await finish('dropped', err.code);
    }
  });
}

export function handleMailReplies(jobs: JobRunner, hub: RuntimeHub): void {
  jobs.handle(MAIL_REPLY, (payload) => postMailReply(hub, payload));
}
