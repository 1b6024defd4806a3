import { and, asc, gt, inArray, lt, sql } from 'drizzle-orm';
import { liveEvents, type Db, type Tx } from '@mutirao/db';

/** The NOTIFY channel of live events and access changes; every process LISTENs on it. */
export const LIVE_CHANNEL = 'mutirao_live';

export type LiveEventRow = typeof liveEvents.$inferSelect;

/**
 * Records an event and notifies `channel` with its id, in the caller's
 * transaction: Postgres delivers the notification only when (and if) it commits.
 */
export async function recordLiveEvent(
  tx: Tx,
  channel: string,
  event: { topic: string; type: string; recordId: string }
): Promise<void> {
  const [row] = await tx.insert(liveEvents).values(event).returning({ id: liveEvents.id });
  await tx.execute(sql`select pg_notify(${channel}, ${String(row.id)})`);
}

/** Events on these topics after the cursor `since`, oldest first. */
export async function liveEventsSince(db: Db, topics: string[], since: number, limit: number): Promise<LiveEventRow[]> {
  return db
    .select()
    .from(liveEvents)
    .where(and(inArray(liveEvents.topic, topics), gt(liveEvents.id, since)))
    .orderBy(asc(liveEvents.id))
    .limit(limit);
}

/** The newest event's id (its cursor), or 0 when there is none. */
export async function latestLiveEventId(db: Db): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${liveEvents.id}), 0)::int8` }).from(liveEvents);
  return Number(row?.id ?? 0);
}

/** The events with these ids, oldest first. */
export async function liveEventsByIds(db: Db, ids: number[]): Promise<LiveEventRow[]> {
  return db.select().from(liveEvents).where(inArray(liveEvents.id, ids)).orderBy(asc(liveEvents.id));
}

export async function deleteLiveEventsBefore(db: Db, before: Date): Promise<void> {
  await db.delete(liveEvents).where(lt(liveEvents.at, before));
}
