import { and, count, eq, gt, ilike, isNull, or, sql, desc } from 'drizzle-orm';
import { emailTokens, signInFailures, users, type Tx } from '@mutirao/db';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.emailNormalized, normalizeEmail(email))).limit(1);
  return row;
}

export async function findUserById(tx: Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Inserts a user unless the email is taken; returns undefined when it is. */
export async function insertUser(tx: Tx, values: NewUser): Promise<UserRow | undefined> {
  const [row] = await tx.insert(users).values(values).onConflictDoNothing({ target: users.emailNormalized }).returning();
  return row;
}

export async function updateUser(tx: Tx, id: string, values: Partial<NewUser>): Promise<UserRow | undefined> {
  const [row] = await tx
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** How many accounts exist (the demo seed fills only an empty hub). */
export async function countUsers(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function countAdmins(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
  return row?.n ?? 0;
}

export async function listUsers(tx: Tx, q: string | undefined, page: number, pageSize: number) {
  const where = q
    ? or(ilike(users.name, `%${escapeLike(q)}%`), ilike(users.emailNormalized, `%${escapeLike(q.toLowerCase())}%`))
    : undefined;
  const [items, [{ total }]] = await Promise.all([
    tx.select().from(users).where(where).orderBy(desc(users.createdAt)).limit(pageSize).offset((page - 1) * pageSize),
    tx.select({ total: count() }).from(users).where(where)
  ]);
  return { items, total };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function insertEmailToken(
  tx: Tx,
  values: typeof emailTokens.$inferInsert
): Promise<void> {
  await tx.insert(emailTokens).values(values);
}

/** Marks a live token used and returns it; undefined when unknown, used or expired. */
export async function consumeEmailToken(
  tx: Tx,
  tokenHash: string,
  purpose: 'verify_email' | 'reset_password'
) {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(emailTokens.tokenHash, tokenHash),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, new Date())
      )
    )
    .returning();
  return row;
}

export async function expireEmailTokens(tx: Tx, userId: string, purpose: 'verify_email' | 'reset_password') {
  await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}

export async function recordSignInFailure(tx: Tx, email: string, ip: string | null) {
  await tx.insert(signInFailures).values({ emailNormalized: normalizeEmail(email), ip });
}

export async function countRecentSignInFailures(tx: Tx, email: string, windowMs: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(signInFailures)
    .where(
      and(
        eq(signInFailures.emailNormalized, normalizeEmail(email)),
        gt(signInFailures.at, new Date(Date.now() - windowMs))
      )
    );
  return row?.n ?? 0;
}

export async function clearSignInFailures(tx: Tx, email: string) {
  await tx.delete(signInFailures).where(eq(signInFailures.emailNormalized, normalizeEmail(email)));
}

/** Old failure rows serve no limit any more. */
export async function pruneSignInFailures(tx: Tx, olderThanMs: number) {
  await tx.delete(signInFailures).where(sql`${signInFailures.at} < ${new Date(Date.now() - olderThanMs)}`);
}
