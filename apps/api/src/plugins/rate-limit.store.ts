import type { Hub } from '../hub';
import { countRateLimitHit } from './rate-limit.repo';

export { pruneRateLimitHits } from './rate-limit.repo';

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

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
