import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { sessions, users, type Db, type Tx } from '@mutirao/db';
import type { Actor } from '../auth/can';
import { LIVE_CHANNEL } from './live.repo';

/**
 * Access changes travel on the live hub's own NOTIFY channel, beside the event
 * ids, so they reach every process in commit order with the events: a socket
 * hears that its session ended before it could hear anything published after.
 * Payloads: `auth:<userId>` (re-check that person's sockets: session, role,
 * every topic) and `topic:<topic>` (re-check who may still follow it). Older
 * processes ignore them (they read only numeric payloads).
 */
export type AccessChange = { userId: string } | { topic: string };

export function encodeAccessChange(change: AccessChange): string {
  return 'userId' in change ? `auth:${change.userId}` : `topic:${change.topic}`;
}

export function parseAccessChange(payload: string): AccessChange | null {
  if (payload.startsWith('auth:')) return { userId: payload.slice(5) };
  if (payload.startsWith('topic:')) return { topic: payload.slice(6) };
  return null;
}

/**
 * Announces, inside the caller's transaction, that someone's access changed:
 * delivered on commit only, like the events. Outside a transaction it goes at once.
 */
export async function announceAccessChange(tx: Tx, change: AccessChange): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${encodeAccessChange(change)})`);
}

/** The person behind a session that is still valid, as the sessions plugin would see them; null once it ended. */
export async function liveSessionActor(db: Db, sessionId: string): Promise<Actor | null> {
  const now = new Date();
  const [row] = await db
    .select({ id: users.id, role: users.role, emailVerifiedAt: users.emailVerifiedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)))
    .limit(1);
  return row ? { id: row.id, role: row.role, emailVerified: row.emailVerifiedAt !== null } : null;
}

/** Of these session ids, the ones still valid (a sweep for sessions that expired on their own). */
export async function liveSessionsStillValid(db: Db, ids: string[]): Promise<Set<string>> {
  const valid = new Set<string>();
  const now = new Date();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(inArray(sessions.id, ids.slice(i, i + 500)), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)));
    for (const row of rows) valid.add(row.id);
  }
  return valid;
}
