import type { FastifyPluginAsync } from 'fastify';
import { notificationsContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import { route } from '../../http/route';
import * as notifications from './notifications.service';

const contract = notificationsContract.routes;

export const notificationsRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  route(app, contract.listNotifications, async (request) => notifications.listNotifications(hub, request.actor, request.query));
  route(app, contract.unreadNotificationCount, async (request) => ({ unreadCount: await notifications.unreadCount(hub, request.actor) }));
  route(app, contract.markNotificationsRead, async (request) => notifications.markRead(hub, request.actor, request.body?.ids));
  route(app, contract.notificationSettings, async (request) => notifications.mailSettings(hub, request.actor));
  route(app, contract.updateNotificationSettings, async (request) =>
    notifications.updateMailSettings(hub, request.actor, request.body.email)
  );

  // RFC 8058: mail providers POST `List-Unsubscribe=One-Click` form-encoded or as
  // multipart. Only the token decides, so the body is read as fields when it is
  // form-encoded and otherwise only checked to be small (this plugin's scope only).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  );
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, {}));
  route(app, contract.unsubscribeInfo, async (request) => notifications.unsubscribeInfo(hub, request.params.token));
  route(app, contract.unsubscribe, async (request) => notifications.unsubscribe(hub, request.params.token));
};
