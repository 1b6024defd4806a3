// Members writing to each other. The hub mails a message to its recipient with the
// sender's name only; the recipient answers through the hub once, which mails the
// sender the answer with the recipient's address as Reply-To. Until that answer
// neither learns the other's address, and the sender never learns it unless answered.
import { activeSuspension } from '../../auth/suspension';
import type { ContactMessageInput } from '@mutirao/shared';
import type { Tx } from '@mutirao/db';
import { authorize, requireActor, type Actor } from '../../auth/can';
import { AppError, badRequest, notFound } from '../../http/errors';
import type { Hub } from '../../hub';
import { queueMail } from '../../jobs/mail.job';
import { contactMessageMail, contactReplyMail } from './contact.mail';
import { toContactMessage, toContactReport } from './contact.mapper';
import { authorizeMessage } from './contact.policy';
import * as repo from './contact.repo';

const DAY = 24 * 60 * 60 * 1000;
/** An account this young is new: a spammer's fresh accounts get the small allowance. */
export const NEW_ACCOUNT_DAYS = 30;
/** Messages a day: enough for a newcomer to introduce themselves, too few to be worth spamming with. */
export const DAILY_LIMIT_NEW = 5;
export const DAILY_LIMIT_ESTABLISHED = 30;

export async function contactStatus(hub: Pick<Hub, 'db'>, actor: Actor | null, personId: string) {
  requireActor(actor);
  const person = await repo.findReachablePerson(hub.db, personId);
  if (!person) throw notFound('No such person.');
  const open = !activeSuspension(person) && (await repo.isContactOpen(hub.db, personId));
  return { name: person.name, open, self: person.id === actor.id };
}

function limitReached(retryAfterMs: number, limit: number) {
  return new AppError(429, 'contact_limit_reached', `You can send ${limit} messages a day. Try again later.`, undefined, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000)))
  });
}

/** Counts this message against the sender's last 24 hours, with the sender's row locked. */
async function takeDailySlot(tx: Tx, senderId: string) {
  const sender = await repo.lockSender(tx, senderId);
  if (!sender) throw notFound();
  const now = Date.now();
  const limit = now - sender.createdAt.getTime() < NEW_ACCOUNT_DAYS * DAY ? DAILY_LIMIT_NEW : DAILY_LIMIT_ESTABLISHED;
  const sent = await repo.sentSince(tx, senderId, new Date(now - DAY));
  if (sent.length >= limit) {
    // A slot frees when the oldest message that still counts turns a day old.
    const frees = sent[sent.length - limit].createdAt.getTime() + DAY;
    throw limitReached(frees - now, limit);
  }
}

export async function sendMessage(hub: Hub, actor: Actor | null, personId: string, input: ContactMessageInput) {
  requireActor(actor);
  if (personId === actor.id) throw badRequest('contact_self', 'You cannot write to yourself.');
  const subject = input.subject.trim();
  const body = input.body.trim();
  return hub.db.transaction(async (tx) => {
    const recipient = await repo.findReachablePerson(tx, personId);
    if (!recipient) throw notFound('No such person.');
    // A suspended person is not reachable either; the sender is told only that, as for a
    // closed inbox, since why someone cannot be written to is not the sender's business.
    if (activeSuspension(recipient) || !(await repo.isContactOpen(tx, personId))) {
      throw new AppError(403, 'contact_closed', 'This person does not accept messages through Mutirão.');
    }
    await takeDailySlot(tx, actor.id);
    const sender = await repo.findPersonForMail(tx, actor.id);
    if (!sender) throw notFound();
    const message = await repo.insertMessage(tx, { senderId: actor.id, recipientId: recipient.id, subject, body });
    const link = `${hub.config.publicOrigin}/contact/messages/${message.id}`;
    await queueMail(hub, tx, contactMessageMail(recipient, sender.name, { subject, body }, link));
    return { id: message.id, createdAt: message.createdAt.toISOString() };
  });
}

export async function getMessage(hub: Pick<Hub, 'db'>, actor: Actor | null, id: string) {
  requireActor(actor);
  const found = await repo.findMessage(hub.db, id);
  authorizeMessage(actor, found, 'read');
  return toContactMessage(found, actor.id);
}

/**
 * The recipient's one answer through the hub, mailed to the sender with the
 * recipient's address: answering is how the recipient chooses to share it.
 */
export async function replyToMessage(hub: Hub, actor: Actor | null, id: string, body: string) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const found = await repo.findMessage(tx, id);
    authorizeMessage(actor, found, 'answer');
    const updated = await repo.recordReply(tx, id, body.trim());
    if (!updated) throw new AppError(409, 'contact_already_replied', 'You already answered this message; write by email from now on.');
    const sender = found.message.senderId ? await repo.findPersonForMail(tx, found.message.senderId) : undefined;
    const replier = await repo.findPersonForMail(tx, actor.id);
    // A sender who deleted their account since has no address to answer to: the answer is kept, nobody is mailed.
    if (sender && replier) await queueMail(hub, tx, contactReplyMail(sender, replier, { subject: found.message.subject, body: body.trim() }));
    return toContactMessage({ ...found, message: updated }, actor.id);
  });
}

export async function reportMessage(hub: Pick<Hub, 'db'>, actor: Actor | null, id: string, reason: string | undefined) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const found = await repo.findMessage(tx, id);
    authorizeMessage(actor, found, 'answer');
    await repo.insertReport(tx, id, reason?.trim() ?? '');
    return toContactMessage((await repo.findMessage(tx, id))!, actor.id);
  });
}

export async function myPreference(hub: Pick<Hub, 'db'>, actor: Actor | null) {
  requireActor(actor);
  return { open: await repo.isContactOpen(hub.db, actor.id) };
}

export async function setMyPreference(hub: Pick<Hub, 'db'>, actor: Actor | null, open: boolean) {
  requireActor(actor);
  await repo.setContactOpen(hub.db, actor.id, open);
  return { open };
}

/** Coordinators' list of reported messages, each with the message as it was sent. */
export async function listReports(hub: Pick<Hub, 'db'>, actor: Actor | null, page: number) {
  authorize(actor, 'hub.moderate');
  const pageSize = 25;
  const { items, total } = await repo.listReports(hub.db, page, pageSize);
  return { items: items.map(toContactReport), total, page, pageSize };
}

/** The person's messages, sent and received, with the other person's name (never an address). */
export async function exportContactData(hub: Pick<Hub, 'db'>, userId: string) {
  const rows = await repo.messagesOf(hub.db, userId);
  return {
    acceptsMessages: await repo.isContactOpen(hub.db, userId),
    messages: rows.map((row) => ({
      direction: row.message.senderId === userId ? 'sent' : 'received',
      with: row.message.senderId === userId ? (row.recipient?.name ?? null) : (row.sender?.name ?? null),
      subject: row.message.subject,
      body: row.message.body,
      sentAt: row.message.createdAt.toISOString(),
      reply: row.message.replyBody,
      repliedAt: row.message.repliedAt?.toISOString() ?? null
    }))
  };
}
