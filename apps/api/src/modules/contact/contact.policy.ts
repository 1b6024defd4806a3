import { forbidden, notFound } from '../../http/errors';
import type { Actor } from '../../auth/can';
import type { MessageWithPeople } from './contact.repo';

export type ContactAction = 'read' | 'answer';

/**
 * A message is its two people's business: anyone else gets 404 (they may not
 * know it exists); its sender may read it but not answer or report it (403).
 */
export function authorizeMessage(actor: Actor, found: MessageWithPeople | undefined, action: ContactAction): asserts found is MessageWithPeople {
  if (!found) throw notFound('No such message.');
  const isSender = found.message.senderId === actor.id;
  const isRecipient = found.message.recipientId === actor.id;
  if (!isSender && !isRecipient) throw notFound('No such message.');
  if (action === 'answer' && !isRecipient) throw forbidden('Only the person who received the message can do this.');
}
