import { and, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { accountSuspensions, users, type Tx } from '@mutirao/db';

export type SuspensionRow = typeof accountSuspensions.$inferSelect;

/** The account, locked for the rest of the transaction, so two moderators act one after the other. */
export async function lockUser(tx: Tx, id: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update').limit(1);
  return row;
}

export async function insertSuspension(tx: Tx, values: typeof accountSuspensions.$inferInsert): Promise<SuspensionRow> {
  const [row] = await tx.insert(accountSuspensions).values(values).returning();
  return row;
}

/** Marks the person's open suspensions (not lifted) as lifted now, by `by`. */
export async function liftOpenSuspensions(tx: Tx, userId: string, by: string | null, at: Date): Promise<void> {
  await tx
    .update(accountSuspensions)
    .set({ liftedAt: at, liftedBy: by })
    .where(and(eq(accountSuspensions.userId, userId), isNull(accountSuspensions.liftedAt)));
}

export async function findSuspension(tx: Tx, id: string): Promise<SuspensionRow | undefined> {
  const [row] = await tx.select().from(accountSuspensions).where(eq(accountSuspensions.id, id)).limit(1);
  return row;
}

/** The account's suspensions, newest first, with the names of who suspended and who lifted. */
export async function suspensionHistory(tx: Tx, userId: string) {
  const by = alias(users, 'suspended_by_user');
  const lifter = alias(users, 'lifted_by_user');
  return tx
    .select({
      suspension: accountSuspensions,
      suspendedByName: by.name,
      liftedByName: lifter.name
    })
    .from(accountSuspensions)
    .leftJoin(by, eq(by.id, accountSuspensions.suspendedBy))
    .leftJoin(lifter, eq(lifter.id, accountSuspensions.liftedBy))
    .where(eq(accountSuspensions.userId, userId))
    .orderBy(desc(accountSuspensions.startsAt), desc(accountSuspensions.id));
}

/** Sets (or clears) the account's current suspension; answers the updated row. */
export async function setSuspension(
  tx: Tx,
  userId: string,
  values: { suspendedAt: Date | null; suspendedUntil: Date | null; suspensionReason: string | null }
) {
  const [row] = await tx.update(users).set({ ...values, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
  return row;
}

export async function userExists(tx: Tx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, id), isNull(users.deletedAt))).limit(1);
  return !!row;
}
