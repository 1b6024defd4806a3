import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '@mutirao/shared';
import type { Hub } from './hub';
import { registerErrorHandling, sendProblem } from './http/errors';
import { securityPlugin } from './plugins/security';
import { sessionsPlugin } from './plugins/sessions';
import { inputGuardPlugin } from './plugins/input-guard';
import { gracefulClosePlugin } from './plugins/graceful-close';
import { devMailRoutes } from './plugins/dev-mail';
import { healthRoutes } from './plugins/health';
import { liveRoutes } from './plugins/live.routes';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { organisationsRoutes } from './modules/organisations/organisations.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { mountWeb, type WebHandler } from './plugins/web';

export interface AppOptions {
  hub: Omit<Hub, 'log'>;
  /** The SvelteKit handler; without it only the API is served (tests, `pnpm dev`). */
  web?: WebHandler;
  logger?: FastifyServerOptions['logger'];
}

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
 * websocket, OpenAPI), then the domain routes under /api, then the web pages.
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
        useDefaults: true
      }
    }
  }).withTypeProvider<TypeBoxTypeProvider>();

  const hub: Hub = { ...options.hub, log: app.log };
  app.decorate('hub', hub);
  app.addSchema(ProblemSchema);
  registerErrorHandling(app);

  await app.register(gracefulClosePlugin);
  await app.register(cookie);
  await app.register(securityPlugin, { hub });
  await app.register(sessionsPlugin, { hub });
  await app.register(inputGuardPlugin);
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024, perMessageDeflate: false },
    // 1001 "going away" tells clients to reconnect (to another process) and catch up.
    preClose(done) {
      for (const client of app.websocketServer.clients) client.close(1001, 'server shutting down');
      done();
    }
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Mutirão API', version: '0.1.0', description: 'The knowledge hub for housing practitioners.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: app.sessionCookieName } } }
    }
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { hub });
      await api.register(liveRoutes, { hub });
      await api.register(accountsRoutes, { hub });
      await api.register(organisationsRoutes, { hub });
      await api.register(notificationsRoutes, { hub });
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

function isLoggerInstance(logger: AppOptions['logger']): logger is FastifyBaseLogger {
  return typeof logger === 'object' && logger !== null && typeof (logger as { child?: unknown }).child === 'function';
}

declare module 'fastify' {
  interface FastifyInstance {
    hub: Hub;
  }
}
