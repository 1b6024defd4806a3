import { defineModule } from '../../module';
import { deleteNotificationsOf, notificationsOf } from './notifications.personal-data.repo';
import { notificationsRoutes } from './notifications.routes';
import { homeSections } from './notifications.service';

/**
 * A person's in-app notifications. The kinds belong to the domains that send
 * them (their descriptors list them); the `user:<id>` topic is built into the live hub.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  routes: notificationsRoutes,
  homeSections,
  exportPersonalData: async (hub, userId) => ({
    notifications: (await notificationsOf(hub.db, userId)).map((n) => ({
      kind: n.kind,
      data: n.data,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString()
    }))
  }),
  // A deleted account's notifications are read by nobody.
  onAccountDeleted: (_hub, tx, userId) => deleteNotificationsOf(tx, userId)
});
