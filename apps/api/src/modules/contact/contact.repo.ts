import { and, asc, count, desc, eq, gt, isNull, notInArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { contactMessages, contactPreferences, contactReports, users, type Tx } from '@mutirao/db';

export type ContactMessageRow = typeof contactMessages.$inferSelect;

/** Someone who may receive messages: a verified account that was not deleted. */
export async function findReachablePerson(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
      deletedAt: users.deletedAt,
      suspendedAt: users.suspendedAt,
      suspendedUntil: users.suspendedUntil,
      suspensionReason: users.suspensionReason
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row && row.emailVerifiedAt && !row.deletedAt ? row : undefined;
}

/** The sender's row, locked: messages from one account are counted one at a time, so parallel sends cannot all slip under the limit. */
export async function lockSender(tx: Tx, id: string) {
  const [row] = await tx.select({ id: users.id, createdAt: users.createdAt }).from(users).where(eq(users.id, id)).for('update').limit(1);
  return row;
}

export async function isContactOpen(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx.select({ open: contactPreferences.open }).from(contactPreferences).where(eq(contactPreferences.userId, userId)).limit(1);
  return row?.open ?? true;
}

export async function setContactOpen(tx: Tx, userId: string, open: boolean): Promise<void> {
  await tx
    .insert(contactPreferences)
    .values({ userId, open })
    .onConflictDoUpdate({ target: contactPreferences.userId, set: { open, updatedAt: new Date() } });
}

/** The sender's messages since `since`, oldest first (their times say when the window frees a slot). */
export async function sentSince(tx: Tx, senderId: string, since: Date) {
  return tx
    .select({ createdAt: contactMessages.createdAt })
    .from(contactMessages)
    .where(and(eq(contactMessages.senderId, senderId), gt(contactMessages.createdAt, since)))
    .orderBy(asc(contactMessages.createdAt));
}

export async function insertMessage(tx: Tx, values: typeof contactMessages.$inferInsert): Promise<ContactMessageRow> {
  const [row] = await tx.insert(contactMessages).values(values).returning();
  return row;
}

const sender = alias(users, 'contact_sender');
const recipient = alias(users, 'contact_recipient');

/** A message with both people's names (never their addresses) and whether it was reported. */
export async function findMessage(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      message: contactMessages,
      sender: { id: sender.id, name: sender.name },
      recipient: { id: recipient.id, name: recipient.name },
      reportId: contactReports.id
    })
    .from(contactMessages)
    .leftJoin(sender, eq(sender.id, contactMessages.senderId))
    .leftJoin(recipient, eq(recipient.id, contactMessages.recipientId))
    .leftJoin(contactReports, eq(contactReports.messageId, contactMessages.id))
    .where(eq(contactMessages.id, id))
    .limit(1);
  return row;
}
export type MessageWithPeople = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

/** Records the one answer through the hub; undefined when it was already answered. */
export async function recordReply(tx: Tx, id: string, body: string): Promise<ContactMessageRow | undefined> {
  const [row] = await tx
    .update(contactMessages)
    .set({ replyBody: body, repliedAt: new Date() })
    .where(and(eq(contactMessages.id, id), isNull(contactMessages.repliedAt)))
    .returning();
  return row;
}

export async function insertReport(tx: Tx, messageId: string, reason: string): Promise<void> {
  await tx.insert(contactReports).values({ messageId, reason }).onConflictDoNothing({ target: contactReports.messageId });
}

export async function listReports(tx: Tx, page: number, pageSize: number) {
  const [items, [{ total }]] = await Promise.all([
    tx
      .select({
        report: contactReports,
        message: contactMessages,
        sender: { id: sender.id, name: sender.name },
        recipient: { id: recipient.id, name: recipient.name }
      })
      .from(contactReports)
      .innerJoin(contactMessages, eq(contactMessages.id, contactReports.messageId))
      .leftJoin(sender, eq(sender.id, contactMessages.senderId))
      .leftJoin(recipient, eq(recipient.id, contactMessages.recipientId))
      .orderBy(desc(contactReports.createdAt), desc(contactReports.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ total: count() }).from(contactReports)
  ]);
  return { items, total };
}

/** Messages the person sent or received, with the other person's name. */
export async function messagesOf(tx: Tx, userId: string) {
  return tx
    .select({
      message: contactMessages,
      sender: { id: sender.id, name: sender.name },
      recipient: { id: recipient.id, name: recipient.name }
    })
    .from(contactMessages)
    .leftJoin(sender, eq(sender.id, contactMessages.senderId))
    .leftJoin(recipient, eq(recipient.id, contactMessages.recipientId))
    .where(or(eq(contactMessages.senderId, userId), eq(contactMessages.recipientId, userId)))
    .orderBy(desc(contactMessages.createdAt));
}

/**
 * A deleted account's messages go, except those reported as abuse: coordinators
 * keep those as the record of what was reported.
 */
export async function eraseMessagesOf(tx: Tx, userId: string): Promise<void> {
  const reported = tx.select({ id: contactReports.messageId }).from(contactReports);
  const mine = or(eq(contactMessages.senderId, userId), eq(contactMessages.recipientId, userId));
  await tx.delete(contactMessages).where(and(mine, notInArray(contactMessages.id, reported)));
  await tx.delete(contactPreferences).where(eq(contactPreferences.userId, userId));
}

export async function findPersonForMail(tx: Tx, id: string) {
  const [row] = await tx.select({ name: users.name, email: users.email, locale: users.locale, deletedAt: users.deletedAt }).from(users).where(eq(users.id, id)).limit(1);
  return row && !row.deletedAt ? row : undefined;
}
