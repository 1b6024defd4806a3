import { lt, sql } from 'drizzle-orm';
import { rateLimitHits, type Tx } from '@mutirao/db';
import type { Hub } from '../hub';

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

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

/**
 * A store for @fastify/rate-limit that keeps its counters in Postgres (table
 * `rate_limit_hits`), so a limit holds for a client however many hub processes
 * its requests reach. One statement per limited request; only the sign-in,
 * sign-up and mail-sending routes are limited.
 */
export function postgresRateLimitStore(hub: Pick<Hub, 'db'>) {
  return class PostgresRateLimitStore {
    private readonly prefix: string;

    /** @fastify/rate-limit constructs the root store with its options; each route's child gets a prefix. */
    constructor(prefix?: unknown) {
      this.prefix = typeof prefix === 'string' ? prefix : '';
    }

    // The plugin passes the route's window (its typings omit it); a minute is the routes' own setting.
    incr(key: string, callback: IncrCallback, timeWindow = 60_000): void {
      countRateLimitHit(hub.db, `${this.prefix}${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error)
      );
    }

    // At run time the plugin passes the merged limit options with the route under `routeInfo`
    // (its typings say the route options themselves), so both shapes are read.
    child(routeOptions: object) {
      type RouteInfo = { method?: string | string[]; url?: string };
      const options = routeOptions as RouteInfo & { routeInfo?: RouteInfo };
      const { method, url } = options.routeInfo ?? options;
      return new PostgresRateLimitStore(`${[method].flat().join(',')} ${url ?? ''} `);
    }
  };
}
