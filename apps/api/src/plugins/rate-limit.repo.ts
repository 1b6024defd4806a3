import { lt, sql } from 'drizzle-orm';
import { rateLimitHits, type Tx } from '@mutirao/db';

/**
 * Counts one request against `key` for `windowMs`, in one upsert: a new row, or the
 * next hit of a live one, or a fresh window when the old one is over. Returns the
 * hits so far and the milliseconds the window has left, by the database's clock,
 * so processes whose clocks differ still agree.
 */
export async function countRateLimitHit(db: Tx, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const window = sql`(${windowMs}::float8 * interval '1 millisecond')`;
  const expired = sql`${rateLimitHits.expiresAt} <= now()`;
  const [row] = await db
    .insert(rateLimitHits)
    .values({ key, hits: 1, expiresAt: sql`now() + ${window}` })
    .onConflictDoUpdate({
      target: rateLimitHits.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimitHits.hits} + 1 end`,
        expiresAt: sql`case when ${expired} then now() + ${window} else ${rateLimitHits.expiresAt} end`
      }
    })
    .returning({
      current: rateLimitHits.hits,
      ttl: sql<number>`(extract(epoch from ${rateLimitHits.expiresAt} - now()) * 1000)::float8`
    });
  return { current: row.current, ttl: Math.max(0, Math.round(Number(row.ttl))) };
}

/** Windows that are over serve no limit; a fresh hit recreates its row. */
export async function pruneRateLimitHits(db: Tx): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.expiresAt, sql`now()`));
}
