import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { compressWeb } from './compress';
import { DOCUMENT_ONLY_HEADERS } from './document-headers';

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Paths Fastify answers itself; everything else is a SvelteKit page or asset. */
export function isServerPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?') || url.startsWith('/dev/mail');
}

/**
 * Hands every non-API request to the SvelteKit handler before Fastify reads the
 * body, so form posts reach SvelteKit untouched.
 */
export function mountWeb(app: FastifyInstance, handler: WebHandler): void {
  const web = compressWeb(handler);
  app.addHook('onRequest', (request, reply, done) => {
    if (isServerPath(request.url)) return done();
    reply.hijack();
    if (request.url.startsWith('/_app/immutable/')) for (const name of DOCUMENT_ONLY_HEADERS) reply.raw.removeHeader(name);
    web(request.raw, reply.raw, () => {
      reply.raw.statusCode = 404;
      reply.raw.end('Not found');
    });
  });
}
