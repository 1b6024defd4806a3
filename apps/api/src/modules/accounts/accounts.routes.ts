import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ChangePasswordBody,
  EmailBody,
  ProblemSchema,
  ResetPasswordBody,
  SessionSchema,
  SetRoleBody,
  SignInBody,
  SignUpBody,
  TokenBody,
  UpdateProfileBody,
  UserListQuery,
  UserSchema,
  Paged,
  IdParams
} from '@mutirao/shared';
import type { Hub } from '../../hub';
import { unauthorized } from '../../http/errors';
import { toSessionInfo, toUser } from './accounts.mapper';
import * as accounts from './accounts.service';

const Accepted = Type.Object({ status: Type.Literal('accepted') });
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  429: ProblemSchema
};

export const accountsRoutes: FastifyPluginAsyncTypebox<{ hub: Hub }> = async (app, { hub }) => {
  // Per-IP limits on the routes that guess or send mail; the per-account limit lives in the service.
  const authLimit = { rateLimit: { max: hub.config.authRateLimit, timeWindow: '1 minute' } };
  const client = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null
  });

  app.post(
    '/auth/sign-up',
    {
      config: authLimit,
      schema: {
        tags: ['accounts'],
        summary: 'Create an account; a verification link is mailed',
        body: SignUpBody,
        response: { 202: Accepted, ...problems }
      }
    },
    async (request, reply) => {
      await accounts.signUp(hub, request.body);
      return reply.code(202).send({ status: 'accepted' as const });
    }
  );

  app.post(
    '/auth/verify-email',
    { schema: { tags: ['accounts'], body: TokenBody, response: { 200: Type.Object({ next: Type.Union([Type.String(), Type.Null()]) }), ...problems } } },
    async (request) => accounts.verifyEmail(hub, request.body.token)
  );

  app.post(
    '/auth/resend-verification',
    { config: authLimit, schema: { tags: ['accounts'], body: EmailBody, response: { 202: Accepted, ...problems } } },
    async (request, reply) => {
      await accounts.resendVerification(hub, request.body.email);
      return reply.code(202).send({ status: 'accepted' as const });
    }
  );

  app.post(
    '/auth/sign-in',
    {
      config: authLimit,
      schema: { tags: ['accounts'], body: SignInBody, response: { 200: Type.Object({ user: UserSchema }), ...problems } }
    },
    async (request, reply) => {
      const { token, expiresAt, user } = await accounts.signIn(hub, request.body, client(request));
      reply.setSessionCookie(token, expiresAt);
      return { user: toUser(user) };
    }
  );

  app.post(
    '/auth/sign-out',
    { schema: { tags: ['accounts'], response: { 204: Type.Null(), ...problems } } },
    async (request, reply) => {
      if (request.sessionId) await accounts.signOut(hub, request.sessionId);
      reply.clearSessionCookie();
      return reply.code(204).send(null);
    }
  );

  app.post(
    '/auth/password-reset/request',
    { config: authLimit, schema: { tags: ['accounts'], body: EmailBody, response: { 202: Accepted, ...problems } } },
    async (request, reply) => {
      await accounts.requestPasswordReset(hub, request.body.email);
      return reply.code(202).send({ status: 'accepted' as const });
    }
  );

  app.post(
    '/auth/password-reset/confirm',
    { config: authLimit, schema: { tags: ['accounts'], body: ResetPasswordBody, response: { 204: Type.Null(), ...problems } } },
    async (request, reply) => {
      await accounts.resetPassword(hub, request.body.token, request.body.password);
      return reply.code(204).send(null);
    }
  );

  app.get(
    '/me',
    { schema: { tags: ['accounts'], summary: 'The signed-in person', response: { 200: Type.Object({ user: UserSchema }), ...problems } } },
    async (request) => {
      if (!request.user) throw unauthorized();
      return { user: toUser(request.user) };
    }
  );

  app.patch(
    '/me',
    { schema: { tags: ['accounts'], body: UpdateProfileBody, response: { 200: Type.Object({ user: UserSchema }), ...problems } } },
    async (request) => ({ user: toUser(await accounts.updateProfile(hub, request.actor, request.body)) })
  );

  app.post(
    '/me/password',
    { schema: { tags: ['accounts'], body: ChangePasswordBody, response: { 204: Type.Null(), ...problems } } },
    async (request, reply) => {
      await accounts.changePassword(hub, request.actor, request.sessionId ?? '', request.body);
      return reply.code(204).send(null);
    }
  );

  app.get(
    '/me/sessions',
    { schema: { tags: ['accounts'], response: { 200: Type.Object({ items: Type.Array(SessionSchema) }), ...problems } } },
    async (request) => {
      const rows = await accounts.listSessions(hub, request.actor);
      return { items: rows.map((row) => toSessionInfo(row, request.sessionId ?? undefined)) };
    }
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        tags: ['accounts'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems }
      }
    },
    async (request, reply) => {
      await accounts.revokeSession(hub, request.actor, request.params.id);
      if (request.params.id === request.sessionId) reply.clearSessionCookie();
      return reply.code(204).send(null);
    }
  );

  app.get(
    '/admin/users',
    { schema: { tags: ['admin'], querystring: UserListQuery, response: { 200: Paged(UserSchema), ...problems } } },
    async (request) => {
      const result = await accounts.listUsers(hub, request.actor, request.query.q, request.query.page ?? 1);
      return { ...result, items: result.items.map(toUser) };
    }
  );

  app.put(
    '/admin/users/:id/role',
    { schema: { tags: ['admin'], params: IdParams, body: SetRoleBody, response: { 200: Type.Object({ user: UserSchema }), ...problems } } },
    async (request) => ({ user: toUser(await accounts.setRole(hub, request.actor, request.params.id, request.body.role)) })
  );
};
