import { and, count, eq, gt, ilike, isNull, or, sql, desc } from 'drizzle-orm';
import { accountMailSends, emailTokens, passwordAttempts, users, type AccountMailKind, type Tx } from '@mutirao/db';

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

/** Accounts that exist (a deleted one is only a former member's anonymised row), optionally by name or email. */
export async function listUsers(tx: Tx, q: string | undefined, page: number, pageSize: number) {
  const where = and(
    isNull(users.deletedAt),
    q ? or(ilike(users.name, `%${escapeLike(q)}%`), ilike(users.emailNormalized, `%${escapeLike(q.toLowerCase())}%`)) : undefined
  );
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

/**
 * Counts a password guess for this account before the password is checked: one
 * upsert, atomic across processes, that starts a new one-minute window when the
 * last one is over. Returns which attempt of the window this is and how many
 * seconds the window has left.
 */
export async function reservePasswordAttempt(tx: Tx, email: string): Promise<{ attempt: number; secondsLeft: number }> {
  const expired = sql`${passwordAttempts.windowStartedAt} <= now() - interval '1 minute'`;
  const [row] = await tx
    .insert(passwordAttempts)
    .values({ emailNormalized: normalizeEmail(email), attempts: 1, windowStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: passwordAttempts.emailNormalized,
      set: {
        attempts: sql`case when ${expired} then 1 else ${passwordAttempts.attempts} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${passwordAttempts.windowStartedAt} end`
      }
    })
    .returning({
      attempt: passwordAttempts.attempts,
      secondsLeft: sql<number>`extract(epoch from ${passwordAttempts.windowStartedAt} + interval '1 minute' - now())::float8`
    });
  return { attempt: row.attempt, secondsLeft: Number(row.secondsLeft) };
}

/** The right password was given (or a reset proved the mailbox): the guesses so far no longer count. */
export async function clearPasswordAttempts(tx: Tx, email: string) {
  await tx.delete(passwordAttempts).where(eq(passwordAttempts.emailNormalized, normalizeEmail(email)));
}

/** Five sends kept per address and kind: enough to enforce "five a day". */
const MAIL_SENDS_KEPT = 5;

/**
 * Takes a slot to mail this address this kind of message, atomically across
 * processes: refused (false) when one went out in the last five minutes, or five
 * in the last day. The caller sends nothing when refused.
 */
export async function reserveAccountMail(tx: Tx, email: string, kind: AccountMailKind): Promise<boolean> {
  const sent = accountMailSends.sentAt;
  const last = sql`${sent}[cardinality(${sent})]`;
  const fifthLast = sql`${sent}[cardinality(${sent}) - ${MAIL_SENDS_KEPT - 1}]`;
  const rows = await tx
    .insert(accountMailSends)
    .values({ emailNormalized: normalizeEmail(email), kind, sentAt: sql`array[now()]` })
    .onConflictDoUpdate({
      target: [accountMailSends.emailNormalized, accountMailSends.kind],
      // Append now and keep the newest five.
      set: { sentAt: sql`(${sent} || now())[greatest(1, cardinality(${sent}) + 2 - ${MAIL_SENDS_KEPT}):]` },
      setWhere: sql`${last} <= now() - interval '5 minutes'
        and (cardinality(${sent}) < ${MAIL_SENDS_KEPT} or ${fifthLast} <= now() - interval '1 day')`
    })
    .returning({ kind: accountMailSends.kind });
  return rows.length > 0;
}

/** Gives back the slot just taken, when the mail it was for could not be sent. */
export async function releaseAccountMail(tx: Tx, email: string, kind: AccountMailKind): Promise<void> {
  const sent = accountMailSends.sentAt;
  await tx
    .update(accountMailSends)
    .set({ sentAt: sql`${sent}[1:cardinality(${sent}) - 1]` })
    .where(and(eq(accountMailSends.emailNormalized, normalizeEmail(email)), eq(accountMailSends.kind, kind)));
}

/**
 * Rows that no longer limit anything: password windows over a minute ago, and mail
 * records whose newest send is over a day old. Called every few minutes.
 */
export async function pruneAccountLimits(tx: Tx) {
  await tx.delete(passwordAttempts).where(sql`${passwordAttempts.windowStartedAt} < now() - interval '1 minute'`);
  await tx.delete(accountMailSends).where(sql`${accountMailSends.sentAt}[cardinality(${accountMailSends.sentAt})] < now() - interval '1 day'`);
}
