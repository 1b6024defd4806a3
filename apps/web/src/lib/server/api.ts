import type { RequestEvent } from '@sveltejs/kit';
import type { Problem } from '@mutirao/shared';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { parseSetCookie } from './set-cookie';

/** Fastify's `inject`, as apps/api/src/plugins/web-bridge.ts exposes it (only what is used here). */
interface ApiBridge {
  inject(options: {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: unknown;
    remoteAddress?: string;
  }): Promise<{ statusCode: number; headers: Record<string, string | string[] | number | undefined>; body: string }>;
  /** The API's Origin rule (apps/api/src/http/hub-addresses.ts): PUBLIC_ORIGIN, and loopback aliases outside production. */
  isOwnOrigin(origin: string | null): boolean;
}

const API_BRIDGE = Symbol.for('mutirao.api');

/** The API names its session cookie by environment (see apps/api/src/plugins/sessions.ts). */
export const sessionCookieNames = ['__Host-mutirao_session', 'mutirao_session'] as const;

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type ApiResult<T> =
  | { ok: true; status: number; data: T; problem: null }
  | { ok: false; status: number; data: null; problem: Problem };

function bridge(): ApiBridge | undefined {
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

function problemFrom(status: number, body: string): Problem {
  try {
    const parsed = JSON.parse(body) as Partial<Problem>;
    if (parsed && typeof parsed.code === 'string') return parsed as Problem;
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

/**
 * Calls the hub's API for this page request. In the one-process server the call goes
 * in-process through Fastify's inject (same routes, validation and authorization, no
 * network hop); under `vite dev` it goes over HTTP to API_ORIGIN. A FormData body is
 * sent as multipart/form-data (uploads); anything else as JSON.
 */
export async function api<T>(event: RequestEvent, method: ApiMethod, path: string, body?: unknown): Promise<ApiResult<T>> {
  const encoded = await encodeBody(body);
  const headers = forwardedHeaders(event, encoded?.contentType);
  let status: number;
  let text: string;
  let setCookies: string[];

  const inProcess = bridge();
  if (inProcess) {
    const response = await inProcess.inject({
      method,
      url: path,
      headers,
      payload: encoded?.bytes,
      // Per-IP rate limits and the sessions list see the person's address, not the server's.
      remoteAddress: event.getClientAddress()
    });
    status = response.statusCode;
    text = response.body;
    const raw = response.headers['set-cookie'];
    setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  } else {
    const response = await overHttp(new URL(path, env.API_ORIGIN ?? 'http://127.0.0.1:3001'), method, headers, encoded?.bytes);
    status = response.status;
    text = response.body;
    setCookies = response.setCookies;
  }

  applySetCookies(event, setCookies);
  if (status >= 200 && status < 300) {
    const data = (text ? JSON.parse(text) : null) as T;
    return { ok: true, status, data, problem: null };
  }
  return { ok: false, status, data: null, problem: problemFrom(status, text) };
}
