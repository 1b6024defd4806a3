/**
 * Problem codes: the stable, machine-readable `code` of every problem+json answer.
 * Each domain declares its own next to its routes; the catalogue is the union. The
 * API raises only codes from here (AppError is typed by it) and the web maps every
 * one to a sentence in the reader's language (an exhaustive Record, so a new code
 * without es/pt/en text fails the type check).
 */
export interface ProblemInfo {
  readonly status: number;
  /** What the code means, for the OpenAPI document and third-party clients. */
  readonly description: string;
}

export const defineProblems = <const P extends Record<string, ProblemInfo>>(problems: P): P => problems;

/** Codes any route may answer with, added to an operation by the rules in `impliedProblems`. */
export const hubProblems = defineProblems({
  validation_failed: { status: 400, description: 'Some fields are missing or invalid; `fields` lists them.' },
  malformed_body: { status: 400, description: 'The body is not valid JSON (or not readable as the declared type).' },
  bad_request: { status: 400, description: 'The request could not be processed as sent.' },
  unauthenticated: { status: 401, description: 'Sign in first: no valid session cookie came with the request.' },
  forbidden: { status: 403, description: 'Signed in, but your role does not allow this.' },
  cross_origin_refused: {
    status: 403,
    description: 'A state-changing request without an `Origin` header naming this hub.'
  },
  loopback_only: { status: 403, description: 'Development tools answer only on this machine.' },
  not_found: {
    status: 404,
    description: 'No such record, or one you may not know exists (the hub answers 404, not 403, for those).'
  },
  unknown_host: {
    status: 421,
    description: 'The `Host` header names another site: the hub answers only at its public address (and, outside production, its loopback aliases).'
  },
  payload_too_large: { status: 413, description: 'The body is larger than the route accepts.' },
  unsupported_media_type: { status: 415, description: 'This content type is not accepted here.' },
  rate_limited: { status: 429, description: 'Too many attempts; `Retry-After` says when to try again.' },
  upgrade_required: { status: 426, description: '`/api/live` is a websocket: open it with an Upgrade request.' },
  database_unavailable: {
    status: 503,
    description: 'The hub cannot reach its database right now; `Retry-After` says when to try again. Nothing was changed.'
  },
  search_unavailable: { status: 503, description: 'Search is not available right now; writes still succeed.' },
  internal_error: { status: 500, description: 'Something failed on the server; nothing was changed.' }
});
