import { and, eq } from 'drizzle-orm';
import { inboundReplies, mailReplyKeys, users, type Tx } from '@mutirao/db';

export type ReplyKeyRow = typeof mailReplyKeys.$inferSelect;
export type InboundReplyRow = typeof inboundReplies.$inferSelect;
export type InboundOutcome = 'posted' | 'dropped' | 'refused';

/** Writes the key's row once; later mails about the same post reuse it. */
export async function saveReplyKey(tx: Tx, row: { key: string; userId: string; threadId: string; postId: string | null }): Promise<void> {
  await tx.insert(mailReplyKeys).values(row).onConflictDoNothing({ target: mailReplyKeys.key });
}

export async function findReplyKey(tx: Tx, key: string): Promise<ReplyKeyRow | undefined> {
  const [row] = await tx.select().from(mailReplyKeys).where(eq(mailReplyKeys.key, key)).limit(1);
  return row;
}

/** Records a received reply; false when this person's message with this key was received before. */
export async function recordInboundReply(tx: Tx, row: { userId: string; messageKey: string; threadId: string }): Promise<boolean> {
  const inserted = await tx
    .insert(inboundReplies)
    .values(row)
    .onConflictDoNothing({ target: [inboundReplies.userId, inboundReplies.messageKey] })
    .returning({ userId: inboundReplies.userId });
  return inserted.length > 0;
}

/** The received reply, locked, so two attempts of its job never both post it. */
export async function lockInboundReply(tx: Tx, userId: string, messageKey: string): Promise<InboundReplyRow | undefined> {
  const [row] = await tx
    .select()
    .from(inboundReplies)
    .where(and(eq(inboundReplies.userId, userId), eq(inboundReplies.messageKey, messageKey)))
    .for('update')
    .limit(1);
  return row;
}

export async function finishInboundReply(
  tx: Tx,
  userId: string,
  messageKey: string,
  outcome: { status: InboundOutcome; reason?: string; postId?: string }
): Promise<void> {
  await tx
    .update(inboundReplies)
    .set({ status: outcome.status, reason: outcome.reason ?? null, postId: outcome.postId ?? null, processedAt: new Date() })
    .where(and(eq(inboundReplies.userId, userId), eq(inboundReplies.messageKey, messageKey)));
}

/** The account a reply speaks for, with what decides whether it may. */
export async function findReplier(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailNormalized: users.emailNormalized,
      locale: users.locale,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      deletedAt: users.deletedAt
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

/** On account deletion: the addresses stop working and the record of received replies goes. */
export async function deleteReplyMailDataOf(tx: Tx, userId: string): Promise<void> {
  await tx.delete(mailReplyKeys).where(eq(mailReplyKeys.userId, userId));
  await tx.delete(inboundReplies).where(eq(inboundReplies.userId, userId));
}
