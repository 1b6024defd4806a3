import { and, asc, inArray, lte, sql } from 'drizzle-orm';
import { searchOutbox, type Db, type Tx } from '@mutirao/db';

/** NOTIFY channel that wakes every process's worker soon after an enqueue commits. */
export const SEARCH_CHANNEL = 'mutirao_search';
/** How long a claimed row stays invisible to other workers while it is being sent. */
export const LEASE_SECONDS = 120;
/** Retry delays double from 1 s up to this cap. */
export const MAX_BACKOFF_SECONDS = 300;

export type OutboxOp = 'upsert' | 'delete';
export type OutboxRow = typeof searchOutbox.$inferSelect;

/**
 * Records that a document changed, in the caller's transaction, and wakes the
 * workers once it commits (NOTIFY is delivered only on commit, and not at all
 * on rollback).
 */
export async function enqueueChange(tx: Tx, uid: string, documentId: string, op: OutboxOp): Promise<void> {
  await tx.insert(searchOutbox).values({ indexName: uid, documentId, op });
  await tx.execute(sql`select pg_notify(${SEARCH_CHANNEL}, ${uid})`);
}

/**
 * Claims up to `limit` due rows of these indexes, oldest first. One statement:
 * FOR UPDATE SKIP LOCKED lets several processes claim side by side without
 * waiting on each other, and moving next_attempt_at forward (a lease) keeps a
 * claimed row away from other workers while this one sends it, without holding
 * a transaction open during the HTTP calls (on PGlite that would stall every
 * other query). If the process dies, the row becomes due again when the lease ends.
 */
export async function claimDueRows(
  db: Db,
  uids: string[],
  limit: number,
  options: { includeBackedOff?: boolean } = {}
): Promise<OutboxRow[]> {
  if (uids.length === 0) return [];
  const due = db
    .select({ id: searchOutbox.id })
    .from(searchOutbox)
    .where(
      and(
        inArray(searchOutbox.indexName, uids),
        options.includeBackedOff ? undefined : lte(searchOutbox.nextAttemptAt, sql`now()`)
      )
    )
    .orderBy(asc(searchOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(searchOutbox)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where(inArray(searchOutbox.id, due))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

/** The rows reached Meilisearch: they are done. */
export async function completeRows(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.delete(searchOutbox).where(inArray(searchOutbox.id, ids));
}

/** The rows could not be sent: keep them, count the attempt and retry later (1 s, 2 s, 4 s … 5 min). */
export async function deferRows(db: Db, ids: number[], error: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(searchOutbox)
    .set({
      attempts: sql`${searchOutbox.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => least(${MAX_BACKOFF_SECONDS}, power(2, ${searchOutbox.attempts})))`,
      lastError: error.slice(0, 2000)
    })
    .where(inArray(searchOutbox.id, ids));
}
