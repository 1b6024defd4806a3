import { and, eq, gt, ne, sql } from 'drizzle-orm';
import { sessions, users, type Db, type Tx } from '@mutirao/db';
import { hashToken, hashesEqual, randomToken } from '../../auth/tokens';
import type { Hub } from '../../hub';
import { announceAccessChange } from '../../plugins/live.auth';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL = 30 * DAY;
/** No session lives longer than this, however often it is used. */
export const SESSION_ABSOLUTE_TTL = 90 * DAY;
/** Expiry is pushed forward (and last use recorded) at most this often, to keep reads cheap. */
const TOUCH_INTERVAL = 60 * 60 * 1000;

export type SessionUser = typeof users.$inferSelect;
export interface ValidSession {
  id: string;
  expiresAt: Date;
  user: SessionUser;
  /** True when the expiry moved and the cookie should be sent again. */
  refreshed: boolean;
}

export async function createSession(
  tx: Tx,
  userId: string,
  client: { userAgent?: string | null; ip?: string | null }
): Promise<{ token: string; expiresAt: Date }> {
  const id = randomToken();
  const secret = randomToken();
  const now = Date.now();
  const expiresAt = new Date(now + SESSION_TTL);
  await tx.insert(sessions).values({
    id,
    secretHash: hashToken(secret),
    userId,
    expiresAt,
    absoluteExpiresAt: new Date(now + SESSION_ABSOLUTE_TTL),
    userAgent: client.userAgent?.slice(0, 400) ?? null,
    ip: client.ip ?? null
  });
  return { token: `${id}.${secret}`, expiresAt };
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
function sessionById(db: Db) {
  let prepared = preparedLookups.get(db);
  if (!prepared) {
    prepared = prepareSessionLookup(db);
    preparedLookups.set(db, prepared);
  }
  return prepared;
}

/** Checks a cookie token: the id finds the row, the secret's hash must match in constant time. */
export async function validateSessionToken(hub: Hub, token: string): Promise<ValidSession | null> {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 200) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  const [row] = await sessionById(hub.db).execute({ id });
  if (!row || !hashesEqual(hashToken(secret), row.session.secretHash)) return null;
  const now = Date.now();
  const { session } = row;
  if (session.expiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now) {
    await hub.db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = session.expiresAt;
  let refreshed = false;
  if (now - session.lastUsedAt.getTime() > TOUCH_INTERVAL) {
    expiresAt = new Date(Math.min(now + SESSION_TTL, session.absoluteExpiresAt.getTime()));
    refreshed = true;
    await hub.db.update(sessions).set({ expiresAt, lastUsedAt: new Date(now) }).where(eq(sessions.id, id));
  }
  return { id, expiresAt, user: row.user, refreshed };
}

/** Ends a session; its websockets, in every process, close once this commits. */
export async function invalidateSession(tx: Tx, sessionId: string): Promise<void> {
  const ended = await tx.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId });
  for (const { userId } of ended) await announceAccessChange(tx, { userId });
}

/** Ends a person's sessions (all, or all but one); their websockets close once this commits. */
export async function invalidateUserSessions(tx: Tx, userId: string, exceptSessionId?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
  await announceAccessChange(tx, { userId });
}

export async function listUserSessions(tx: Tx, userId: string) {
  return tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(sessions.lastUsedAt);
}
