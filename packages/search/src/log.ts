/**
 * The little the search package needs from a logger. pino / Fastify loggers fit,
 * and so does `console`, so the package does not depend on either.
 */
export interface SearchLog {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug?(obj: unknown, msg?: string): void;
}
