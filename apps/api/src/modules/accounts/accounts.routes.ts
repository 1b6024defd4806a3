import type { FastifyPluginAsync } from 'fastify';
import { accountRightsContract, accountsContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import type { HubModule } from '../../module';

import { unauthorized } from '../../http/errors';
import { route } from '../../http/route';
import { toSessionInfo, toUser } from './accounts.mapper';
import * as rights from './accounts.rights.service';
import * as accounts from './accounts.service';
import * as suspension from './accounts.suspension.service';

const contract = accountsContract.routes;
const rightsContract = accountRightsContract.routes;

const accepted = { status: 'accepted' as const };

export const accountsRoutes: FastifyPluginAsync<{ hub: Hub; modules: readonly HubModule[] }> = async (app, { hub, modules }) => {
  // Per-IP limits on the routes that guess or send mail; the per-account limit lives in the service.
  const limited = { config: { rateLimit: { max: hub.config.authRateLimit, timeWindow: '1 minute' } } };
  const client = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null
  });

  route(app, contract.signUp, async (request) => {
    await accounts.signUp(hub, request.body);
    return accepted;
  }, limited);

  route(app, contract.verifyEmail, async (request) => accounts.verifyEmail(hub, request.body.token));

  route(app, contract.resendVerification, async (request) => {
    await accounts.resendVerification(hub, request.body.email);
    return accepted;
  }, limited);

  route(app, contract.signIn, async (request, reply) => {
    const { token, expiresAt, user } = await accounts.signIn(hub, request.body, client(request));
    reply.setSessionCookie(token, expiresAt);
    return { user: toUser(user) };
  }, limited);

  route(app, contract.signOut, async (request, reply) => {
    if (request.sessionId) await accounts.signOut(hub, request.sessionId);
    reply.clearSessionCookie();
    return null;
  });

  route(app, contract.requestPasswordReset, async (request) => {
    await accounts.requestPasswordReset(hub, request.body.email);
    return accepted;
  }, limited);

  route(app, contract.confirmPasswordReset, async (request) => {
    await accounts.resetPassword(hub, request.body.token, request.body.password);
    return null;
  }, limited);

  route(app, contract.getMe, async (request) => {
    if (!request.user) throw unauthorized();
    return { user: toUser(request.user) };
  });

  route(app, contract.updateMe, async (request) => ({ user: toUser(await accounts.updateProfile(hub, request.actor, request.body)) }));

  route(app, contract.changePassword, async (request) => {
    await accounts.changePassword(hub, request.actor, request.sessionId ?? '', request.body);
    return null;
  });

  route(app, contract.listMySessions, async (request) => {
    const rows = await accounts.listSessions(hub, request.actor);
    return { items: rows.map((row) => toSessionInfo(row, request.sessionId ?? undefined)) };
  });

  route(app, contract.endMySession, async (request, reply) => {
    await accounts.revokeSession(hub, request.actor, request.params.id);
    if (request.params.id === request.sessionId) reply.clearSessionCookie();
    return null;
  });

  route(app, contract.listUsers, async (request) => {
    const result = await accounts.listUsers(hub, request.actor, request.query.q, request.query.page ?? 1);
    return { ...result, items: result.items.map(toUser) };
  });

  route(app, contract.setUserRole, async (request) => ({
    user: toUser(await accounts.setRole(hub, request.actor, request.params.id, request.body.role))
  }));

  route(app, contract.suspendUser, async (request) => ({
    user: toUser(await suspension.suspendUser(hub, request.actor, request.params.id, request.body))
  }));

  route(app, contract.reinstateUser, async (request) => ({
    user: toUser(await suspension.reinstateUser(hub, request.actor, request.params.id))
  }));

  route(app, contract.listUserSuspensions, async (request) => ({
    items: await suspension.suspensionHistory(hub, request.actor, request.params.id)
  }));

  // ------------------------------------------------ the owner's rights over the account

  route(app, rightsContract.requestEmailChange, async (request) => {
    await rights.requestEmailChange(hub, request.actor, request.body);
    return accepted;
  });

  route(app, rightsContract.confirmEmailChange, async (request) => rights.confirmEmailChange(hub, request.body.token));

  route(app, rightsContract.exportMyData, async (request, reply) => {
    const data = await rights.exportPersonalData(hub, modules, request.actor);
    reply.header('content-disposition', `attachment; filename="mutirao-data-${data.exportedAt.slice(0, 10)}.json"`);
    reply.header('cache-control', 'no-store');
    return data;
  });

  route(app, rightsContract.deleteMyAccount, async (request, reply) => {
    await rights.deleteAccount(hub, modules, request.actor, request.body);
    reply.clearSessionCookie();
    return null;
  });
};
