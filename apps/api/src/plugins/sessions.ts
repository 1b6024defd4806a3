import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/can';
import type { Hub } from '../hub';
import { sessionCookieName as sharedSessionCookieName } from '@mutirao/shared';
import { validateSessionToken, type SessionUser } from '../auth/sessions.service';
import { renderScopeOf } from './web-bridge';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null for a visitor. */
    actor: Actor | null;
    user: SessionUser | null;
    sessionId: string | null;
  }
  interface FastifyInstance {
    sessionCookieName: string;
  }
  interface FastifyReply {
    setSessionCookie(token: string, expiresAt: Date): FastifyReply;
    clearSessionCookie(): FastifyReply;
  }
}

export function sessionCookieName(production: boolean): string {
  // __Host- pins the cookie to this host and path, and requires Secure.
  return sharedSessionCookieName(production);
}

/** Reads the session cookie on every request and puts the person on `request.actor`. */
export const sessionsPlugin = fp<{ hub: Hub }>(async (app, { hub }) => {
  const name = sessionCookieName(hub.config.production);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: hub.config.production
  };
  app.decorate('sessionCookieName', name);
  app.decorateRequest('actor', null);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateReply('setSessionCookie', function (this: FastifyReply, token: string, expiresAt: Date) {
    return this.setCookie(name, token, { ...cookieOptions, expires: expiresAt });
  });
  app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
    return this.setCookie(name, '', { ...cookieOptions, maxAge: 0 });
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api')) return;
    const token = request.cookies[name];
    if (!token) return;
    // Reads within one page render share the render's validation (its loads run side by
    // side, so the promise is shared, not only the answer); a change (sign-out, a revoked
    // session) always validates afresh and ends the sharing.
    const scope = renderScopeOf(request);
    const reads = request.method === 'GET' || request.method === 'HEAD';
    const shared = reads && scope?.session?.token === token ? (scope.session.value as ReturnType<typeof validateSessionToken>) : undefined;
    const validation = shared ?? validateSessionToken(hub, token);
    if (scope && !shared) scope.session = reads ? { token, value: validation } : undefined;
    const session = await validation;
    if (!session) {
      reply.clearSessionCookie();
      return;
    }
    request.user = session.user;
    request.sessionId = session.id;
    request.actor = {
      id: session.user.id,
      role: session.user.role,
      emailVerified: session.user.emailVerifiedAt !== null
    };
    if (session.refreshed) reply.setSessionCookie(token, session.expiresAt);
  });
});
