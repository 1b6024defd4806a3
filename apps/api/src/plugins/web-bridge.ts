import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { API_BRIDGE_KEY } from '@mutirao/shared';

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
 * however many API calls it makes. Only in-process calls carry a scope.
 */
export interface RenderScope {
  session?: { token: string; value: unknown };
}
export const renderScope = new AsyncLocalStorage<RenderScope>();

export interface ApiBridge {
  inject(options: InjectOptions, scope?: RenderScope): Promise<LightMyRequestResponse>;
}

export function exposeApiToWeb(app: FastifyInstance): void {
  const bridge: ApiBridge = {
    // inject() returns a lazy chain that starts the request when awaited; awaiting it
    // inside run() is what puts the request in the scope (returned as is, it ran
    // outside and every call validated the session again).
    inject: (options, scope) => (scope ? renderScope.run(scope, async () => await app.inject(options)) : app.inject(options))
  };
  (globalThis as Record<symbol, ApiBridge>)[API_BRIDGE] = bridge;
}
