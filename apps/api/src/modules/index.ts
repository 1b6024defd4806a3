import type { HubModule } from '../module';
import { accountsModule } from './accounts/accounts.module';
import { contactModule } from './contact/contact.module';
import { discussionsModule } from './discussions/discussions.module';
import { jobsModule } from './jobs/jobs.module';
import { libraryModule } from './library/library.module';
import { notificationsModule } from './notifications/notifications.module';
import { organisationsModule } from './organisations/organisations.module';
import { peopleModule } from './people/people.module';
import { eventsModule } from './events/events.module';

/**
 * Every domain of the hub: the one list that app.ts (routes under /api, in this
 * order), the runtime (search indexes, live topics), the CLI (`seed`, `reindex`)
 * and the test harness read. A new domain is one line here.
 */
export const modules: readonly HubModule[] = [
  accountsModule,
  organisationsModule,
  peopleModule,
  discussionsModule,
  eventsModule,
  libraryModule,
  notificationsModule,
  jobsModule,
  contactModule
];
