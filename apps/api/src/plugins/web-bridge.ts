import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, InjectOptions, LightMyRequestResponse } from 'fastify';
import { API_BRIDGE_KEY } from '@mutirao/shared';
import { hubAddresses } from '../http/hub-addresses';

/**
 * The web app's server code calls the API in-process through Fastify's inject:
 * the same routes, validation and authorization as over HTTP, without a network hop.
 * The bridge is found through a well-known global symbol because the SvelteKit
 * build is loaded as a separate bundle.
 */
export const API_BRIDGE = Symbol.for(API_BRIDGE_KEY);

/**
 * One page render's calls share a scope: the first call validates the session and the
 * others reuse that answer for the same token, so a page validates its session once
 * however many API calls it makes. Only in-process calls carry a scope: the bridge
 * names it in a header with a random id that exists only while its calls run, and the
 * cached answer is reused only for the very token it was given for.
 */
export interface RenderScope {
  session?: { token: string; value: unknown };
}

const RENDER_HEADER = 'x-mutirao-render';
const liveScopes = new Map<string, { scope: RenderScope; calls: number }>();
const scopeIds = new WeakMap<RenderScope, string>();

/** The render scope of an in-process request, if it has one. */
export function renderScopeOf(request: FastifyRequest): RenderScope | undefined {
  const id = request.headers[RENDER_HEADER];
  return typeof id === 'string' ? liveScopes.get(id)?.scope : undefined;
}

export interface ApiBridge {
  inject(options: InjectOptions, scope?: RenderScope): Promise<LightMyRequestResponse>;
  /**
   * The API's own Origin rule, so that the pages' form check (hooks.server.ts) and the
   * API's CSRF check accept exactly the same origins.
   */
  isOwnOrigin(origin: string | null | undefined): boolean;
  /**
   * For the visitors' page cache (apps/web/src/lib/server/page-cache.ts): how long a page
   * may be kept, and a number that grows whenever anything may have changed: a write
   * answered by this process, a live event heard from any process, a change sent to search.
   */
  pageCache: { seconds: number; epoch(): number };
}

async function injectInScope(app: FastifyInstance, options: InjectOptions, scope: RenderScope): Promise<LightMyRequestResponse> {
  let id = scopeIds.get(scope);
  if (!id) scopeIds.set(scope, (id = randomUUID()));
  const entry = liveScopes.get(id) ?? { scope, calls: 0 };
  entry.calls++;
  liveScopes.set(id, entry);
  try {
    return await app.inject({ ...options, headers: { ...options.headers, [RENDER_HEADER]: id } });
  } finally {
    if (--entry.calls === 0) liveScopes.delete(id);
  }
}

export function exposeApiToWeb(app: FastifyInstance): void {
  const addresses = hubAddresses(app.hub.config);
  // A write answered here, a live event heard from any process, or a change this process
  // sent to search: visitors' pages are rendered afresh after anything that may show.
  const { live, search } = app.hub;
  const bridge: ApiBridge = {
    inject: (options, scope) => (scope ? injectInScope(app, options, scope) : app.inject(options)),
    isOwnOrigin: (origin) => addresses.isOwnOrigin(origin ?? undefined),
    pageCache: { seconds: app.hub.config.pageCacheSeconds, epoch: () => app.writesAnswered() + live.eventsHeard + search.rowsSent }
  };
  (globalThis as Record<symbol, ApiBridge>)[API_BRIDGE] = bridge;
}
