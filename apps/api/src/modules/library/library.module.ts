import { defineModule } from '../../module';
import { canFollow } from './library.catalogue.service';
import { LIBRARY_EXTRACT } from './library.extract';
import { extractFile } from './library.jobs';
import { eraseLibraryData, exportLibraryData } from './library.personal-data';
import type { ResourceAction } from './library.policy';
import { libraryRoutes } from './library.routes';
import { resourcesIndex } from './library.search';
import { libraryProfileSections, librarySections } from './library.sections';
import { seedDemoLibrary } from './library.seed';

/** The resource library: contributions, editorial review, files, search and citations. */
export const libraryModule = defineModule({
  name: 'library',
  routes: libraryRoutes,
  searchIndexes: [resourcesIndex],
  liveTopics: {
    resource: (hub, actor, id) => canFollow(hub, actor, id)
  },
  demoSeeder: seedDemoLibrary,
  notificationKinds: ['resource.published', 'resource.changes_requested', 'resource.rejected'],
  authActions: {
    'resource.view': 'Anyone once published; before that its submitter and coordinators.',
    'resource.edit': 'Its submitter while a draft, with changes requested, or published; coordinators unless rejected.',
    'resource.submit': 'Its submitter and coordinators, from draft or changes requested.',
    'resource.review': 'Coordinators and admins: publish, request changes, reject, read the queue.',
    'resource.delete': 'Its submitter until it is published; coordinators always.'
  } satisfies Record<`resource.${ResourceAction}`, string>,
  homeSections: librarySections,
  profileSections: libraryProfileSections,
  exportPersonalData: exportLibraryData,
  onAccountDeleted: eraseLibraryData,
  jobHandlers: (jobs, hub) => jobs.handle(LIBRARY_EXTRACT, (payload) => extractFile(hub, payload))
});
