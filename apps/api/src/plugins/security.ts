import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Hub } from '../hub';
import { sendProblem } from '../http/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security headers, per-IP rate limits (opted into per route) and the CSRF rule:
 * a state-changing API request must come from the hub's own origin.
 */
export const securityPlugin = fp<{ hub: Hub }>(async (app, { hub }) => {
  await app.register(helmet, {
    // Pages get their CSP from SvelteKit (with nonces for its inline scripts); API responses are data.
    contentSecurityPolicy: false,
    strictTransportSecurity: hub.config.production,
    crossOriginEmbedderPolicy: false
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const error = new Error('rate limited') as Error & { statusCode: number };
      error.statusCode = context.statusCode;
      return error;
    }
  });

  const allowed = new URL(hub.config.publicOrigin).origin;
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api')) return;
    const origin = request.headers.origin;
    const sameHost = origin && request.headers.host && safeHost(origin) === request.headers.host;
    if (origin === allowed || sameHost) return;
    return sendProblem(reply, 403, 'cross_origin_refused', 'This request did not come from the hub.');
  });
});

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
