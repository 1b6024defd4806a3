import type { Tx } from '@mutirao/db';
import type { Hub } from '../hub';
import * as repo from './sessions.repo';
import { hashToken, hashesEqual, randomToken } from './tokens';
import { announceAccessChange } from '../infra/live.auth.repo';
import { activeSuspension } from './suspension';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL = 30 * DAY;
/** No session lives longer than this, however often it is used. */
export const SESSION_ABSOLUTE_TTL = 90 * DAY;
/** Expiry is pushed forward (and last use recorded) at most this often, to keep reads cheap. */
const TOUCH_INTERVAL = 60 * 60 * 1000;

export type SessionUser = repo.SessionUser;
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
  await repo.insertSession(tx, {
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

/** Checks a cookie token: the id finds the row, the secret's hash must match in constant time. */
export async function validateSessionToken(hub: Pick<Hub, 'db'>, token: string): Promise<ValidSession | null> {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 200) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  const row = await repo.findSessionWithUser(hub.db, id);
  if (!row || !hashesEqual(hashToken(secret), row.session.secretHash)) return null;
  const now = Date.now();
  const { session } = row;
  // A suspended person has no valid session, whatever survived the suspension's sign-out
  // (a token copied elsewhere, a row written by a racing sign-in): every route is covered here.
  if (session.expiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now || activeSuspension(row.user, now)) {
    await repo.deleteSession(hub.db, id);
    return null;
  }
  let expiresAt = session.expiresAt;
  let refreshed = false;
  if (now - session.lastUsedAt.getTime() > TOUCH_INTERVAL) {
    expiresAt = new Date(Math.min(now + SESSION_TTL, session.absoluteExpiresAt.getTime()));
    refreshed = true;
    await repo.touchSession(hub.db, id, expiresAt, new Date(now));
  }
  return { id, expiresAt, user: row.user, refreshed };
}

/** Ends a session; its websockets, in every process, close once this commits. */
export async function invalidateSession(tx: Tx, sessionId: string): Promise<void> {
  const ended = await repo.deleteSession(tx, sessionId);
  for (const userId of ended) await announceAccessChange(tx, { userId });
}

/** Ends a person's sessions (all, or all but one); their websockets close once this commits. */
export async function invalidateUserSessions(tx: Tx, userId: string, exceptSessionId?: string): Promise<void> {
  await repo.deleteUserSessions(tx, userId, exceptSessionId);
  await announceAccessChange(tx, { userId });
}

export async function listUserSessions(tx: Tx, userId: string) {
  return repo.listActiveUserSessions(tx, userId);
}
