import { and, eq, gt, ne, sql } from 'drizzle-orm';
import { sessions, users, type Db, type Tx } from '@mutirao/db';

export type SessionRow = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;
export type SessionUser = typeof users.$inferSelect;

export async function insertSession(tx: Tx, values: NewSession): Promise<void> {
  await tx.insert(sessions).values(values);
}

/**
 * The session lookup runs on every signed-in request, so it is prepared once per
 * database: the SQL is built a single time and Postgres keeps the plan.
 */
const preparedLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();
function prepareSessionLookup(db: Db) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('session_by_id');
}

/** The session with this id and its person, in one query. */
export async function findSessionWithUser(db: Db, id: string): Promise<{ session: SessionRow; user: SessionUser } | undefined> {
  let prepared = preparedLookups.get(db);
  if (!prepared) {
    prepared = prepareSessionLookup(db);
    preparedLookups.set(db, prepared);
  }
  const [row] = await prepared.execute({ id });
  return row;
}

/** Pushes the expiry forward and records the use. */
export async function touchSession(tx: Tx, id: string, expiresAt: Date, lastUsedAt: Date): Promise<void> {
  await tx.update(sessions).set({ expiresAt, lastUsedAt }).where(eq(sessions.id, id));
}

/** Ends one session; answers whose it was (none when it was already gone). */
export async function deleteSession(tx: Tx, id: string): Promise<string[]> {
  const ended = await tx.delete(sessions).where(eq(sessions.id, id)).returning({ userId: sessions.userId });
  return ended.map((row) => row.userId);
}

/** Ends every session of a person, or every one but `exceptId`. */
export async function deleteUserSessions(tx: Tx, userId: string, exceptId?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId));
}

/** A person's unexpired sessions, least recently used first. */
export async function listActiveUserSessions(tx: Tx, userId: string): Promise<SessionRow[]> {
  return tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(sessions.lastUsedAt);
}
