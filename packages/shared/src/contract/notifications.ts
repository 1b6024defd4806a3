import { Type } from '@sinclair/typebox';
import {
  MarkedReadSchema,
  MarkNotificationsReadBody,
  NotificationListSchema,
  NotificationsQuery,
  UnreadCountSchema
} from '../schemas/notifications';
import { defineRoute } from './define';

export const notificationsApi = {
  listNotifications: defineRoute({
    operationId: 'listNotifications',
    method: 'GET',
    path: '/me/notifications',
    tag: 'notifications',
    summary: 'My notifications, newest first, and how many are unread',
    description: 'Each item’s `kind` tells the shape of its `data`. Kinds this version does not know are left out.',
    audience: 'signedIn',
    query: NotificationsQuery,
    responses: { 200: NotificationListSchema },
    problems: []
  }),
  unreadNotificationCount: defineRoute({
    operationId: 'unreadNotificationCount',
    method: 'GET',
    path: '/me/notifications/unread-count',
    tag: 'notifications',
    summary: 'How many of my notifications are unread',
    audience: 'signedIn',
    responses: { 200: UnreadCountSchema },
    problems: []
  }),
  markNotificationsRead: defineRoute({
    operationId: 'markNotificationsRead',
    method: 'POST',
    path: '/me/notifications/read',
    tag: 'notifications',
    summary: 'Mark notifications read: the ones listed, or all of them',
    description: 'Ids of other people’s notifications change nothing; the answer does not say whether they exist.',
    audience: 'signedIn',
    body: MarkNotificationsReadBody,
    bodyOptional: true,
    responses: { 200: MarkedReadSchema },
    problems: []
  })
} as const;

const Status = Type.Union([Type.Literal('up'), Type.Literal('down')]);
export const HealthSchema = Type.Object(
  { status: Status, database: Status, search: Status, mail: Status },
  { $id: 'Health' }
);

export const hubApi = {
  health: defineRoute({
    operationId: 'health',
    method: 'GET',
    path: '/health',
    tag: 'hub',
    summary: 'Whether the database, search and mail answer',
    description: '200 when every part answers; 503 (with the same body) when one does not.',
    audience: 'public',
    responses: { 200: HealthSchema, 503: HealthSchema },
    problems: []
  })
} as const;
