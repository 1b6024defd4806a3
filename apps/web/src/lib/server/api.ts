import type { RequestEvent } from '@sveltejs/kit';
import {
  API_BRIDGE_KEY,
  isProblemCode,
  sessionCookieNames as cookieNames,
  type ApiProblem,
  type BodyOf,
  type ParamsOf,
  type Problem,
  type QueryOf,
  type ResponseOf,
  type RouteSpec,
  type SuccessStatus
} from '@mutirao/shared';
import type { TSchema } from '@sinclair/typebox';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { parseSetCookie } from './set-cookie';

/** Fastify's `inject`, as apps/api/src/plugins/web-bridge.ts exposes it (only what is used here). */
interface ApiBridge {
  inject(
    options: {
      method: string;
      url: string;
      headers: Record<string, string>;
      payload?: unknown;
      remoteAddress?: string;
    },
    scope?: object
  ): Promise<{ statusCode: number; headers: Record<string, string | string[] | number | undefined>; body: string }>;
  /** The API's Origin rule (apps/api/src/http/hub-addresses.ts): PUBLIC_ORIGIN, and loopback aliases outside production. */
  isOwnOrigin(origin: string | null): boolean;
  /** For the visitors' page cache: its lifetime, and a count that grows with every change. */
  pageCache?: { seconds: number; epoch(): number };
}

const API_BRIDGE = Symbol.for(API_BRIDGE_KEY);

/** Either name the API gives its session cookie (see packages/shared/src/contract/runtime.ts). */
export const sessionCookieNames = [cookieNames.production, cookieNames.development] as const;


export type ApiSuccess<R extends RouteSpec> = { ok: true; status: SuccessStatus<R>; data: ResponseOf<R>; problem: null };
export type ApiFailure = { ok: false; status: number; data: null; problem: ApiProblem };
/** What a call answers: the route's success body (typed by its contract entry), or a problem. */
export type ApiResult<R extends RouteSpec> = ApiSuccess<R> | ApiFailure;

type Has<T, K extends keyof T> = T[K] extends TSchema ? true : false;

/**
 * A request body as a form can supply it: the shape (field names, arrays, numbers,
 * booleans, what is required) is checked by the type; a choice from a fixed list
 * (a country, a language, a role) may be any string, because the API validates it
 * and names the field when it is wrong, and the page shows that message.
 */
export type FormBody<T> = T extends string
  ? string
  : T extends readonly (infer Item)[]
    ? FormBody<Item>[]
    : T extends object
      ? { [K in keyof T]: FormBody<T[K]> }
      : T;
/** The inputs a route takes, typed by its contract entry: params for the path, the query, the body. */
export type ApiInput<R extends RouteSpec> = (Has<R, 'params'> extends true ? { params: ParamsOf<R> } : { params?: never }) &
  (Has<R, 'query'> extends true ? { query?: FormBody<QueryOf<R>> } : { query?: never }) &
  (Has<R, 'body'> extends true
    ? R['bodyOptional'] extends true
      ? { body?: FormBody<BodyOf<R>> }
      : { body: FormBody<BodyOf<R>> }
    : R['upload'] extends object
      ? { body: FormData }
      : { body?: never });

export function bridge(): ApiBridge | undefined {
  return (globalThis as Record<symbol, ApiBridge | undefined>)[API_BRIDGE];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a page request that changes something (a form post) comes from the hub's own
 * pages. The one-process server asks the API, so pages and API accept exactly the same
 * origins. Under `vite dev` (no bridge) the page's own origin and its loopback aliases
 * on the same port count.
 */
export function isOwnOrigin(origin: string | null, pageOrigin: string): boolean {
  const inProcess = bridge();
  if (inProcess) return inProcess.isOwnOrigin(origin);
  if (!origin) return false;
  if (origin === pageOrigin) return true;
  if (!dev || !URL.canParse(origin)) return false;
  const candidate = new URL(origin);
  return (
    candidate.origin === origin &&
    candidate.protocol === 'http:' &&
    LOOPBACK_NAMES.has(candidate.hostname) &&
    candidate.port === new URL(pageOrigin).port
  );
}

/** A request body as bytes on the wire, with the content type that describes them. */
interface EncodedBody {
  bytes: Buffer;
  contentType: string;
}

/**
 * JSON for plain values; a FormData (a file upload) goes as multipart/form-data.
 * Response does the multipart encoding, boundary included, the way fetch would send it.
 */
async function encodeBody(body: unknown): Promise<EncodedBody | undefined> {
  if (body === undefined) return undefined;
  if (body instanceof FormData) {
    const encoded = new Response(body);
    const contentType = encoded.headers.get('content-type');
    if (!contentType) throw new Error('FormData encoded without a content type');
    return { bytes: Buffer.from(await encoded.arrayBuffer()), contentType };
  }
  return { bytes: Buffer.from(JSON.stringify(body)), contentType: 'application/json' };
}

/** The headers that carry who is asking: the session, the origin (CSRF rule), language and device. */
function forwardedHeaders(event: RequestEvent, contentType: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    // The API refuses a state-changing request whose Origin is not its own host: send a matching pair.
    origin: event.url.origin,
    host: event.url.host
  };
  for (const name of ['cookie', 'accept-language', 'user-agent']) {
    const value = event.request.headers.get(name);
    if (value) headers[name] = value;
  }
  if (contentType) headers['content-type'] = contentType;
  return headers;
}

function problemFrom(status: number, body: string): ApiProblem {
  try {
    const parsed = JSON.parse(body) as Partial<Problem>;
    // A code this web app does not know (a newer API during a rolling deploy) reads as a generic one.
    if (parsed && typeof parsed.code === 'string') {
      const code = isProblemCode(parsed.code) ? parsed.code : status >= 500 ? 'internal_error' : 'bad_request';
      return { ...(parsed as Problem), code };
    }
  } catch {
    // Not JSON (a proxy's error page, an empty body): fall through to a generic problem.
  }
  return {
    type: 'about:blank',
    title: 'Error',
    status,
    code: status >= 500 ? 'internal_error' : 'bad_request',
    detail: ''
  };
}

/** Session cookies the API sets (sign-in, refresh, sign-out) are passed on to the browser. */
function applySetCookies(event: RequestEvent, headers: string[]) {
  for (const header of headers) {
    const cookie = parseSetCookie(header);
    if (!cookie) continue;
    // encode: keep the token byte for byte, as the API wrote it.
    event.cookies.set(cookie.name, cookie.value, { ...cookie.options, encode: (value) => value });
  }
}

/**
 * The `vite dev` path. node:http rather than fetch, because fetch drops the Host header
 * and the API's origin check compares Origin with Host.
 */
function overHttp(
  url: URL,
  method: string,
  headers: Record<string, string>,
  payload: Buffer | undefined
): Promise<{ status: number; body: string; setCookies: string[] }> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      { method, headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 502,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookies: response.headers['set-cookie'] ?? []
          })
        );
        response.on('error', reject);
      }
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** One scope per page request (the `locals` object is shared by its hooks, loads and actions). */
const scopes = new WeakMap<object, object>();
const scopeOf = (event: RequestEvent) => {
  let scope = scopes.get(event.locals);
  if (!scope) scopes.set(event.locals, (scope = {}));
  return scope;
};

/** `/organisations/{slug}` with its params filled in, and the query as repeated keys. */
export function urlOf(route: RouteSpec, input: { params?: object; query?: object }): string {
  const params = (input.params ?? {}) as Record<string, string>;
  const path = route.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  const search = query.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

/**
 * Calls one operation of the hub's API for this page request, typed by its contract
 * entry: a misspelt route, a wrong body or an unhandled answer fails the type check.
 * In the one-process server the call goes in-process through Fastify's inject (same
 * routes, validation and authorization, no network hop); under `vite dev` it goes
 * over HTTP to API_ORIGIN. A FormData body is sent as multipart/form-data (uploads).
 */
export async function call<R extends RouteSpec>(event: RequestEvent, route: R, input: ApiInput<R>): Promise<ApiResult<R>> {
  const { body } = input as { body?: unknown };
  const encoded = await encodeBody(body);
  const headers = forwardedHeaders(event, encoded?.contentType);
  const path = urlOf(route, input as { params?: object; query?: object });
  let status: number;
  let text: string;
  let setCookies: string[];

  const inProcess = bridge();
  if (inProcess) {
    const response = await inProcess.inject(
      {
        method: route.method,
        url: path,
        headers,
        payload: encoded?.bytes,
        // Per-IP rate limits and the sessions list see the person's address, not the server's.
        remoteAddress: event.getClientAddress()
      },
      scopeOf(event)
    );
    status = response.statusCode;
    text = response.body;
    const raw = response.headers['set-cookie'];
    setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  } else {
    const response = await overHttp(new URL(path, env.API_ORIGIN ?? 'http://127.0.0.1:3001'), route.method, headers, encoded?.bytes);
    status = response.status;
    text = response.body;
    setCookies = response.setCookies;
  }

  applySetCookies(event, setCookies);
  if (status >= 200 && status < 300) {
    // A route that produces something else than JSON (a citation's text) answers its text as it is.
    const data = route.produces ? text : text ? JSON.parse(text) : null;
    return { ok: true, status, data, problem: null } as ApiResult<R>;
  }
  return { ok: false, status, data: null, problem: problemFrom(status, text) };
}

