import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Hub } from '../hub';
import { sendProblem } from '../http/errors';
import { hubAddresses, localPortOf } from '../http/hub-addresses';
import { postgresRateLimitStore, pruneRateLimitHits } from './rate-limit.store';
import { isServerPath } from './web';
import { DOCUMENT_ONLY_HEADERS } from './document-headers';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** For pages: no HTML to escape, no script, in the three languages since the person's is not known yet. */
const WRONG_HOST_PAGE = [
  'Mutirão no responde en esta dirección. Ábrelo con la dirección de la plataforma.',
  'O Mutirão não responde neste endereço. Abra-o pelo endereço da plataforma.',
  'Mutirão does not answer at this address. Open it at the platform’s address.'
].join('\n');

/**
 * Security headers, the Host check, per-IP rate limits (opted into per route,
 * counted in Postgres so every process shares them) and the CSRF rule: a
 * state-changing API request must come from the hub's own origin, compared whole.
 */
export const securityPlugin = fp<{ hub: Hub }>(async (app, { hub }) => {
  const addresses = hubAddresses(hub.config);

  // First of all hooks: a request for another host name (DNS rebinding: a foreign page whose
  // name now points here) is answered before sessions or pages see it.
  app.addHook('onRequest', async (request, reply) => {
    if (addresses.isOwnHost(request.host, localPortOf(request))) return;
    // Operations the contract marks `anyHost` (the health check: container and load-balancer
    // probes call it by IP address, and it reveals nothing) answer whatever the Host says.
    if (request.routeOptions.config?.contract?.anyHost) return;
    if (isServerPath(request.url)) {
      return sendProblem(reply, 421, 'unknown_host', 'This hub does not answer to this host name.');
    }
    return reply.code(421).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(WRONG_HOST_PAGE);
  });

  await app.register(helmet, {
    // Pages get their CSP from SvelteKit (with nonces for its inline scripts); API responses are data.
    contentSecurityPolicy: false,
    strictTransportSecurity: hub.config.production,
    crossOriginEmbedderPolicy: false
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && !type.startsWith('text/html')) for (const name of DOCUMENT_ONLY_HEADERS) reply.removeHeader(name);
    return payload;
  });
  await app.register(rateLimit, {
    global: false,
    store: postgresRateLimitStore(hub),
    errorResponseBuilder: (_request, context) => {
      const error = new Error('rate limited') as Error & { statusCode: number };
      error.statusCode = context.statusCode;
      return error;
    }
  });

  // Limit records whose windows are over serve nothing; every process prunes, which is harmless.
  const prune = setInterval(() => {
    pruneRateLimitHits(hub.db).catch((err: unknown) =>
      app.log.warn({ err }, 'could not prune expired limit records')
    );
  }, 10 * 60_000);
  prune.unref();
  app.addHook('onClose', async () => clearInterval(prune));

  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api')) return;
    // One-click unsubscribe: the signed token is the authority, and no cookie is read.
    if (request.routeOptions.config?.contract?.anyOrigin) return;
    if (addresses.isOwnOrigin(request.headers.origin, localPortOf(request))) return;
    return sendProblem(reply, 403, 'cross_origin_refused', 'This request did not come from the hub.');
  });
});
