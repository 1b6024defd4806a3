import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ProblemSchema, buildOpenApiDocument, contracts } from '@mutirao/shared';
import { isHttpIri } from './http/iri';
import type { Hub } from './hub';
import { registerErrorHandling, sendProblem } from './http/errors';
import { securityPlugin } from './plugins/security';
import { sessionsPlugin } from './plugins/sessions';
import { inputGuardPlugin } from './plugins/input-guard';
import { gracefulClosePlugin } from './plugins/graceful-close';
import { devMailRoutes } from './plugins/dev-mail';
import { healthRoutes } from './plugins/health';
import { homeRoutes } from './plugins/home.routes';
import { liveRoutes } from './plugins/live.routes';
import { modules } from './modules/index';
import { mountWeb, type WebHandler } from './plugins/web';
import { registerCompression } from './plugins/compress';

export interface AppOptions {
  hub: Omit<Hub, 'log'>;
  /** The SvelteKit handler; without it only the API is served (tests, `pnpm dev`). */
  web?: WebHandler;
  logger?: FastifyServerOptions['logger'];
  /** Answer 500 for problem codes a route's contract does not declare (tests). */
  strictContract?: boolean;
}

/** The API's version in the OpenAPI document. */
export const API_VERSION = '0.2.0';

/** Logs never carry session cookies, passwords or tokens. */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token'
];

/**
 * Composes the hub: external plugins first (errors, cookies, security, sessions,
 * websocket, OpenAPI), then health, live and every registered domain's routes
 * under /api (modules/index.ts, in its order), then the web pages.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Fastify 5 takes a ready-made pino instance (server.ts) as `loggerInstance`, options as `logger`.
    ...(isLoggerInstance(options.logger) ? { loggerInstance: options.logger } : { logger: options.logger ?? false }),
    bodyLimit: 256 * 1024,
    // While shutting down, a request already on an open connection is served (with
    // `Connection: close`) rather than answered 503: no accepted request fails.
    return503OnClosing: false,
    trustProxy: options.hub.config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    ajv: {
      customOptions: {
        // Unknown properties are refused (additionalProperties: false), never silently dropped.
        removeAdditional: false,
        allErrors: true,
        coerceTypes: 'array',
        useDefaults: true,
        // Websites may be internationalised (https://município.br/habitação); see http/iri.ts.
        formats: { iri: isHttpIri }
      }
    }
  }).withTypeProvider<TypeBoxTypeProvider>();

  const hub: Hub = { ...options.hub, log: app.log };
  app.decorate('hub', hub);
  // Requests that may write, answered whatever their outcome: the visitors' page cache
  // (web-bridge.ts) starts afresh after each one.
  let writesAnswered = 0;
  app.decorate('writesAnswered', () => writesAnswered);
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') writesAnswered++;
    done();
  });
  app.addSchema(ProblemSchema);
  registerErrorHandling(app, { strictContract: options.strictContract });
  acceptEmptyJsonBodies(app);

  // Every /api operation comes from the contract, so the OpenAPI document lists it and the
  // web's client can call it; the websocket and the document's own pages are the exceptions.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (!url.startsWith('/api') || url.startsWith('/api/docs') || url === '/api/live') return;
    if (!route.config?.contract) throw new Error(`${route.method} ${url} is not registered from the route contract`);
  });

  await app.register(gracefulClosePlugin);
  await app.register(cookie);
  await app.register(securityPlugin, { hub });
  await app.register(sessionsPlugin, { hub });
  await app.register(inputGuardPlugin);
  await registerCompression(app);
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024, perMessageDeflate: false },
    // 1001 "going away" tells clients to reconnect (to another process) and catch up.
    preClose(done) {
      for (const client of app.websocketServer.clients) client.close(1001, 'server shutting down');
      done();
    }
  });
  // The document comes from the route contract alone (packages/shared/src/contract), and is
  // committed as openapi.json; CI fails when the two differ.
  await app.register(swagger, {
    mode: 'static',
    specification: {
      document: buildOpenApiDocument({
        version: API_VERSION,
        cookieName: app.sessionCookieName,
        contracts
      }) as never
    }
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { hub });
      await api.register(liveRoutes, { hub });
      // Each domain gets the registry too, for what other domains contribute to its pages (profile sections).
      for (const module of modules) if (module.routes) await api.register(module.routes, { hub, modules });
      await api.register(homeRoutes, { hub, modules });
      // Each module's clean-up, every ten minutes (harmless when several processes run it).
      const housekeeping = setInterval(() => {
        for (const module of modules) {
          module.housekeeping?.(hub).catch((err: unknown) => app.log.warn({ err, module: module.name }, 'housekeeping failed'));
        }
      }, 10 * 60_000);
      housekeeping.unref();
      api.addHook('onClose', async () => clearInterval(housekeeping));
      api.setNotFoundHandler((request, reply) =>
        sendProblem(reply, 404, 'not_found', `No API route ${request.method} ${request.url.split('?')[0]}.`)
      );
    },
    { prefix: '/api' }
  );
  if (!hub.config.production) await app.register(devMailRoutes, { hub });
  if (options.web) mountWeb(app, options.web);
  return app;
}

/**
 * A POST with `Content-Type: application/json` and no body at all is a bodiless
 * request, not malformed JSON: clients and proxies often send the header anyway.
 */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  // Fastify's own parser (it refuses __proto__ and constructor poisoning) for everything else.
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    return parse(request, body as string, done);
  });
}

function isLoggerInstance(logger: AppOptions['logger']): logger is FastifyBaseLogger {
  return typeof logger === 'object' && logger !== null && typeof (logger as { child?: unknown }).child === 'function';
}

declare module 'fastify' {
  interface FastifyInstance {
    hub: Hub;
    /** How many requests that may write (not GET, HEAD or OPTIONS) this process has answered. */
    writesAnswered(): number;
  }
}
