import { defineModule } from '../../module';
import { notificationsRoutes } from './notifications.routes';
import { homeSections } from './notifications.service';

/**
 * A person's in-app notifications. The kinds belong to the domains that send
 * them (their descriptors list them); the `user:<id>` topic is built into the live hub.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  routes: notificationsRoutes,
  homeSections
});
