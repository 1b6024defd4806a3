import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { ProblemInfo, hubProblems } from './problems';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Who may call a route, before any per-record rule: anyone; anyone signed in;
 * coordinators (and admins); admins only. Organisation roles are per record and
 * described in `access`.
 */
export type Audience = 'public' | 'signedIn' | 'coordinator' | 'admin';


/** A multipart upload of one file, in place of a JSON body. */
export interface UploadSpec {
  readonly field: string;
  readonly maxBytes: number;
  readonly mediaTypes: readonly string[];
}

/**
 * One API operation: everything the server, the OpenAPI document and the web's typed
 * client need to agree on. `path` uses OpenAPI's `{param}` form.
 */
export interface RouteSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: `/${string}`;
  /** The OpenAPI tag: a domain's own, or `admin`/`hub` (declared by a contract's `tags`). */
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly audience: Audience;
  /** The rule beyond the audience, in words (for example “the organisation’s admins and coordinators”). */
  readonly access?: string;
  readonly params?: TObject;
  readonly query?: TObject;
  readonly body?: TSchema;
  /** The body may be left out altogether (a bodiless POST). */
  readonly bodyOptional?: boolean;
  readonly upload?: UploadSpec;
  /** Success statuses and their bodies; null for an empty body (204). */
  readonly responses: { readonly [status: number]: TSchema | null };
  /**
   * Problem codes beyond the ones implied by the route's shape (see impliedProblems), from
   * any contract's catalogue (contract.test.ts fails on a code no contract declares).
   */
  readonly problems: readonly string[];
  /** Limited per client address (429 `rate_limited`). */
  readonly rateLimited?: boolean;
  /** Answers whatever the `Host` header says (the health check, for probes by IP address). */
  readonly anyHost?: boolean;
  /**
   * A state-changing request accepted without the hub's `Origin` (RFC 8058 one-click
   * unsubscribe: mail providers POST from their servers). Only for a route whose
   * authority is a signed token in its path and that reads no cookie.
   */
  readonly anyOrigin?: boolean;
  /** The response is not JSON (a file); its media types. */
  readonly produces?: readonly string[];
}

export const defineRoute = <const R extends RouteSpec>(route: R): R => route;

type StaticOr<T, Fallback> = T extends infer S extends TSchema ? Static<S> : Fallback;

export type ParamsOf<R extends RouteSpec> = StaticOr<R['params'], Record<string, never>>;
export type QueryOf<R extends RouteSpec> = StaticOr<R['query'], Record<string, never>>;
export type BodyOf<R extends RouteSpec> = R['bodyOptional'] extends true
  ? StaticOr<R['body'], undefined> | undefined
  : StaticOr<R['body'], undefined>;
export type SuccessStatus<R extends RouteSpec> = keyof R['responses'] & number;
export type ResponseOf<R extends RouteSpec, S extends SuccessStatus<R> = SuccessStatus<R>> = R['responses'][S] extends infer T extends TSchema
  ? Static<T>
  : null;

/** Turns `/organisations/{slug}` into Fastify's `/organisations/:slug`. */
export const fastifyPath = (path: string): string => path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');

const stateChanging = (method: HttpMethod) => method !== 'GET';

/**
 * Codes every operation of this shape can answer with, whatever its handler does:
 * validation for any input, the session rule for its audience, the Origin rule for
 * state-changing methods, body limits for bodies.
 */
type HubProblemCode = keyof typeof hubProblems;

export function impliedProblems(route: RouteSpec): HubProblemCode[] {
  const codes: HubProblemCode[] = [];
  // Any request may carry a query string or header the input guard refuses (control
  // characters, non-finite numbers), whether or not the route reads one.
  codes.push('validation_failed');
  if (route.body) codes.push('malformed_body', 'unsupported_media_type');
  if (route.body || route.upload) codes.push('payload_too_large');
  if (route.audience !== 'public') codes.push('unauthenticated');
  if (route.audience === 'coordinator' || route.audience === 'admin') codes.push('forbidden');
  if (stateChanging(route.method) && !route.anyOrigin) codes.push('cross_origin_refused');
  if (!route.anyHost) codes.push('unknown_host');
  // Every operation reads or writes the database; one that answers 503 with a body of its
  // own (the health check) says so in its own way.
  if (!(503 in route.responses)) codes.push('database_unavailable');
  if (route.rateLimited) codes.push('rate_limited');
  return codes;
}

/** Every problem code an operation may answer with, each once. */
export const problemsOf = (route: RouteSpec): string[] => [...new Set([...impliedProblems(route), ...route.problems])];

/**
 * One domain's whole contract: its OpenAPI tags, its problem codes, its operations by
 * operationId, and the shapes the OpenAPI document names. The list in contract/index.ts
 * is the only place a new domain adds itself on the shared side.
 */
export interface Contract {
  readonly tags: Readonly<Record<string, string>>;
  readonly problems: Readonly<Record<string, ProblemInfo>>;
  readonly routes: Readonly<Record<string, RouteSpec>>;
  readonly named?: Readonly<Record<string, TSchema>>;
}
export const defineContract = <const C extends Contract>(contract: C): C => contract;
