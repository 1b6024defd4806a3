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
};
