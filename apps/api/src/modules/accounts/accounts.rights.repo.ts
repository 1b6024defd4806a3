import { and, desc, eq, gt } from 'drizzle-orm';
import { accountAudit, accountMailSends, emailChanges, emailTokens, passwordAttempts, sessions, users, type AccountAuditAction, type Tx } from '@mutirao/db';
import type { UserRow } from './accounts.repo';

export type EmailChangeRow = typeof emailChanges.$inferSelect;

/** Replaces any pending change of this person's address with this one. */
export async function putEmailChange(tx: Tx, values: typeof emailChanges.$inferInsert): Promise<void> {
  await tx
    .insert(emailChanges)
    .values(values)
    .onConflictDoUpdate({
      target: emailChanges.userId,
      set: { newEmail: values.newEmail, newEmailNormalized: values.newEmailNormalized, tokenHash: values.tokenHash, expiresAt: values.expiresAt, createdAt: new Date() }
    });
}

/** Takes a pending change by its token, once: the row is gone afterwards. Undefined when expired or unknown. */
export async function consumeEmailChange(tx: Tx, tokenHash: string): Promise<EmailChangeRow | undefined> {
  const [row] = await tx
    .delete(emailChanges)
    .where(and(eq(emailChanges.tokenHash, tokenHash), gt(emailChanges.expiresAt, new Date())))
    .returning();
  return row;
}

export async function pendingEmailChange(tx: Tx, userId: string): Promise<EmailChangeRow | undefined> {
  const [row] = await tx.select().from(emailChanges).where(eq(emailChanges.userId, userId)).limit(1);
  return row;
}

export async function emailInUse(tx: Tx, emailNormalized: string): Promise<boolean> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.emailNormalized, emailNormalized)).limit(1);
  return row !== undefined;
}

export async function lockUser(tx: Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update').limit(1);
  return row;
}

export async function recordAccountAudit(tx: Tx, userId: string, action: AccountAuditAction): Promise<void> {
  await tx.insert(accountAudit).values({ userId, action });
}

export async function accountAuditOf(tx: Tx, userId: string) {
  return tx.select({ action: accountAudit.action, at: accountAudit.at }).from(accountAudit).where(eq(accountAudit.userId, userId)).orderBy(desc(accountAudit.id));
}

export async function sessionsOf(tx: Tx, userId: string) {
  return tx
    .select({ createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, ip: sessions.ip })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastUsedAt));
}

/**
 * Erases everything the account row and its side tables say about a person, and
 * keeps the row, so that what they wrote and did stays attributed to a former
 * member. The address becomes one that cannot receive mail or be signed up with
 * (`.invalid` is reserved), and the password hash one that no password matches.
 */
export async function eraseAccount(tx: Tx, user: UserRow, formerName: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, user.id));
  await tx.delete(emailTokens).where(eq(emailTokens.userId, user.id));
  await tx.delete(emailChanges).where(eq(emailChanges.userId, user.id));
  await tx.delete(passwordAttempts).where(eq(passwordAttempts.emailNormalized, user.emailNormalized));
  await tx.delete(accountMailSends).where(eq(accountMailSends.emailNormalized, user.emailNormalized));
  const erased = `deleted-${user.id}@deleted.invalid`;
  const now = new Date();
  await tx
    .update(users)
    .set({
      email: erased,
      emailNormalized: erased,
      name: formerName,
      passwordHash: '!erased',
      role: 'member',
      country: 'ZZ',
      organisationName: null,
      bio: null,
      emailVerifiedAt: null,
      deletedAt: now,
      updatedAt: now
    })
    .where(eq(users.id, user.id));
}
