import type { FastifyInstance } from 'fastify';

/**
 * The web app's server code calls the API in-process through Fastify's inject:
 * the same routes, validation and authorization as over HTTP, without a network hop.
 * The bridge is found through a well-known global symbol because the SvelteKit
 * build is loaded as a separate bundle.
 */
export const API_BRIDGE = Symbol.for('mutirao.api');

export interface ApiBridge {
  inject: FastifyInstance['inject'];
}

export function exposeApiToWeb(app: FastifyInstance): void {
  (globalThis as Record<symbol, ApiBridge>)[API_BRIDGE] = { inject: app.inject.bind(app) };
}
