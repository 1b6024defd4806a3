import {
  MarkedReadSchema,
  MarkNotificationsReadBody,
  NotificationListSchema,
  NotificationSchema,
  NotificationSettingsBody,
  NotificationSettingsSchema,
  NotificationsQuery,
  UnreadCountSchema,
  UnsubscribeBody,
  UnsubscribeInfoSchema,
  UnsubscribeParams
} from '../schemas/notifications';
import { defineContract, defineRoute } from './define';

const routes = {
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
  }),
  notificationSettings: defineRoute({
    operationId: 'notificationSettings',
    method: 'GET',
    path: '/me/notification-settings',
    tag: 'notifications',
    summary: 'Which notifications also reach me by email',
    description: 'Every kind is always shown in the app; this lists the kinds that are also mailed, and whether mine are on (on unless turned off).',
    audience: 'signedIn',
    responses: { 200: NotificationSettingsSchema },
    problems: []
  }),
  updateNotificationSettings: defineRoute({
    operationId: 'updateNotificationSettings',
    method: 'PUT',
    path: '/me/notification-settings',
    tag: 'notifications',
    summary: 'Choose which notifications also reach me by email',
    description: '`email` lists the kinds to mail; every other mailed kind is turned off. Mail already queued when a kind is turned off is still sent.',
    audience: 'signedIn',
    body: NotificationSettingsBody,
    responses: { 200: NotificationSettingsSchema },
    problems: []
  }),
  unsubscribeInfo: defineRoute({
    operationId: 'unsubscribeInfo',
    method: 'GET',
    path: '/unsubscribe/{token}',
    tag: 'notifications',
    summary: 'What a mail’s unsubscribe link turns off',
    description: 'Changes nothing (mail scanners open links). The token in a notification mail’s `List-Unsubscribe` header names the person and the kind.',
    audience: 'public',
    params: UnsubscribeParams,
    responses: { 200: UnsubscribeInfoSchema },
    problems: ['invalid_unsubscribe_link']
  }),
  unsubscribe: defineRoute({
    operationId: 'unsubscribe',
    method: 'POST',
    path: '/unsubscribe/{token}',
    tag: 'notifications',
    summary: 'Turn off the mail a link names (RFC 8058 one-click)',
    description:
      'Needs no session and no `Origin`: the signed token is the authority. Mail providers send `List-Unsubscribe=One-Click` as ' +
      '`application/x-www-form-urlencoded` or `multipart/form-data`; JSON is accepted too. Pressing twice is harmless.',
    audience: 'public',
    anyOrigin: true,
    params: UnsubscribeParams,
    body: UnsubscribeBody,
    bodyOptional: true,
    responses: { 200: UnsubscribeInfoSchema },
    problems: ['invalid_unsubscribe_link']
  })
} as const;

export const notificationsContract = defineContract({
  tags: { notifications: 'In-app notifications of the signed-in person.' },
  problems: {
    invalid_unsubscribe_link: { status: 400, description: 'The unsubscribe link is incomplete or was altered; nothing was changed.' }
  },
  routes,
  named: {
    Notification: NotificationSchema,
    NotificationList: NotificationListSchema,
    MarkedRead: MarkedReadSchema,
    UnreadCount: UnreadCountSchema,
    NotificationSettings: NotificationSettingsSchema,
    UnsubscribeInfo: UnsubscribeInfoSchema
  }
});
