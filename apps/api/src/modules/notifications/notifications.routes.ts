import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MarkedReadSchema,
  MarkNotificationsReadBody,
  NotificationListSchema,
  NotificationsQuery,
  ProblemSchema,
  UnreadCountSchema
} from '@mutirao/shared';
import type { Hub } from '../../hub';
import * as notifications from './notifications.service';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

export const notificationsRoutes: FastifyPluginAsyncTypebox<{ hub: Hub }> = async (app, { hub }) => {
  app.get(
    '/me/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in person's notifications, newest first, and how many are unread",
        querystring: NotificationsQuery,
        response: { 200: NotificationListSchema, ...problems }
      }
    },
    async (request) => notifications.listNotifications(hub, request.actor, request.query)
  );

  app.get(
    '/me/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many notifications are unread (the header asks on every page)',
        response: { 200: UnreadCountSchema, ...problems }
      }
    },
    async (request) => ({ unreadCount: await notifications.unreadCount(hub, request.actor) })
  );

  app.post(
    '/me/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read: the ones listed, or all',
        body: MarkNotificationsReadBody,
        response: { 200: MarkedReadSchema, ...problems }
      }
    },
    async (request) => notifications.markRead(hub, request.actor, request.body?.ids)
  );
};
