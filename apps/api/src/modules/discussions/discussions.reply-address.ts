// The outgoing half of reply by mail: a discussion mail gets a signed Reply-To
// (see discussions.reply-mail.ts for what happens to the answer).
import type { Tx } from '@mutirao/db';
import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';
import { replyAddress, replyKeyFor } from '../../infra/reply-address';
import type { DiscussionsHub } from './discussions.changes';
import { saveReplyKey } from './discussions.reply-mail.repo';

const footers: Record<Locale, string> = {
  es: 'Puedes responder a este correo: tu respuesta se publicará en el debate.',
  pt: 'Você pode responder a este e-mail: sua resposta será publicada no debate.',
  en: 'You can reply to this email: your reply will be posted in the discussion.'
};

/**
 * A discussion mail with a signed Reply-To for this person and post, when reply by
 * mail is configured (unchanged otherwise). Writes the address's key row in the
 * mail's transaction.
 */
export async function withReplyAddress(
  hub: Pick<DiscussionsHub, 'config' | 'jobs'>,
  tx: Tx,
  mail: OutgoingMail,
  about: { userId: string; locale: Locale; threadId: string; postId: string | null }
): Promise<OutgoingMail> {
  const settings = hub.config.replyByMail;
  // No job queue (the demo seed) means no mail is sent: no address to make either.
  if (!settings || !hub.jobs) return mail;
  const key = replyKeyFor(settings.secret, about);
  await saveReplyKey(tx, { key, userId: about.userId, threadId: about.threadId, postId: about.postId });
  return { ...mail, replyTo: replyAddress(settings.secret, settings.domain, key), text: `${mail.text}\n\n${footers[about.locale]}` };
}
