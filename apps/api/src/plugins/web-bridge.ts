import type { FastifyInstance } from 'fastify';
import { hubAddresses } from '../http/hub-addresses';

/**
 * The web app's server code calls the API in-process through Fastify's inject:
 * the same routes, validation and authorization as over HTTP, without a network hop.
 * The bridge is found through a well-known global symbol because the SvelteKit
 * build is loaded as a separate bundle.
 */
export const API_BRIDGE = Symbol.for('mutirao.api');

export interface ApiBridge {
  inject: FastifyInstance['inject'];
  /**
   * The API's own Origin rule, so that the pages' form check (hooks.server.ts) and the
   * API's CSRF check accept exactly the same origins.
   */
  isOwnOrigin(origin: string | null | undefined): boolean;
}

export function exposeApiToWeb(app: FastifyInstance): void {
  const addresses = hubAddresses(app.hub.config);
  (globalThis as Record<symbol, ApiBridge>)[API_BRIDGE] = {
    inject: app.inject.bind(app),
    isOwnOrigin: (origin) => addresses.isOwnOrigin(origin ?? undefined)
  };
}
