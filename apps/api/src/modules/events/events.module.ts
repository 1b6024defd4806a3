import { defineModule } from '../../module';
import { eraseEventData, exportEventData } from './events.personal-data';
import type { EventAction } from './events.policy';
import { eventsRoutes } from './events.routes';
import { eventsIndex } from './events.search';
import { canFollow, homeSections, profileSections } from './events.listing.service';
import { handleReminders } from './events.reminders';
import { seedDemoEvents } from './events.seed';

/** Events: drafting and publishing, registration with a self-promoting waitlist, calendars, reminders, check-in. */
export const eventsModule = defineModule({
  name: 'events',
  routes: eventsRoutes,
  searchIndexes: [eventsIndex],
  liveTopics: {
    event: (hub, actor, id) => canFollow(hub, actor, id)
  },
  demoSeeder: seedDemoEvents,
  notificationKinds: ['event.promoted', 'event.cancelled', 'event.submitted', 'event.speaker_added'],
  jobHandlers: handleReminders,
  homeSections,
  profileSections,
  exportPersonalData: exportEventData,
  onAccountDeleted: (hub, tx, userId) => eraseEventData(hub, tx, userId),
  authActions: {
    'event.view': 'Anyone once published (or cancelled); drafts and submitted events only their organisers.',
    'event.edit': 'Coordinators; the hosting organisations’ admins until the event is published.',
    'event.submit': 'Coordinators and the hosting organisations’ admins, for a draft.',
    'event.publish': 'Coordinators: publish and cancel.',
    'event.manageAttendees': 'Coordinators and the hosting organisations’ admins: attendee list, CSV, check-in, messages, figures.'
  } satisfies Record<`event.${EventAction}`, string>
});
