import { defineModule } from '../../module';
import type { OrganisationAction } from './organisations.policy';
import { organisationsRoutes } from './organisations.routes';
import { organisationsIndex } from './organisations.search';
import { seedDemoOrganisations } from './organisations.seed';
import { canFollow } from './organisations.directory.service';
import { homeSections } from './organisations.home.service';
import { can } from '../../auth/can';
import { eraseOrganisationData, exportOrganisationData, organisationDeletionBlockers } from './organisations.personal-data';

/** Member organisations: applications, review, the directory, staff, invitations and logos. */
export const organisationsModule = defineModule({
  name: 'organisations',
  routes: organisationsRoutes,
  searchIndexes: [organisationsIndex],
  liveTopics: {
    organisation: (hub, actor, id) => canFollow(hub, actor, id),
    // `review:organisations`: the queue's count changed. Coordinators and admins only.
    review: async (_hub, actor, id) => id === 'organisations' && can(actor, 'hub.moderate')
  },
  homeSections,
  demoSeeder: seedDemoOrganisations,
  exportPersonalData: exportOrganisationData,
  accountDeletionBlockers: organisationDeletionBlockers,
  onAccountDeleted: eraseOrganisationData,
  notificationKinds: [
    'organisation.applied',
    'organisation.approved',
    'organisation.rejected',
    'organisation.suspended',
    'organisation.reinstated',
    'organisation.join_requested',
    'organisation.join_approved',
    'organisation.join_declined'
  ],
  // Keyed by the policy's own actions, so a new action without an entry here fails the type check.
  authActions: {
    'organisation.view': 'Anyone once approved; before that its people, the applicant and coordinators.',
    'organisation.edit': 'The applicant while pending; its admins once a member; coordinators unless rejected.',
    'organisation.manageStaff': 'The organisation’s admins and coordinators, while approved or suspended.',
    'organisation.requestToJoin': 'Any signed-in person who is not yet a member of an approved organisation.',
    'organisation.review': 'Coordinators and admins: approve, reject, suspend, reinstate, read the audit trail.'
  } satisfies Record<`organisation.${OrganisationAction}`, string>
});
