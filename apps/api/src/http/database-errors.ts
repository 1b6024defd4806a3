/**
 * Failures that mean "the database cannot answer right now", not "this request
 * is wrong" nor "our code is wrong": Postgres restarting or unreachable, the
 * pool out of connections for longer than DATABASE_CONNECT_TIMEOUT_MS, a
 * statement cancelled by DATABASE_STATEMENT_TIMEOUT_MS. They become 503
 * `database_unavailable`, which tells clients and load balancers to try again.
 */
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/
];

/** SQLSTATE classes and codes: 08 connection exception, 57P01–57P05 shutdown and crash, 57014 statement cancelled, 53300 too many connections. */
function unavailableSqlState(code: string): boolean {
  return code.startsWith('08') || /^57P0[1-5]$/.test(code) || code === '57014' || code === '53300';
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && (UNAVAILABLE_NODE_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && unavailableSqlState(e.code)))) {
      return true;
    }
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
    if (Array.isArray((e as { errors?: unknown }).errors)) {
      // AggregateError (a connection tried on IPv4 and IPv6): unavailable if its parts are.
      if (((e as { errors: unknown[] }).errors).some(isDatabaseUnavailable)) return true;
    }
  }
  return false;
}
