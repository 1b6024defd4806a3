import type { GlobalAction } from '../../auth/can';
import { defineModule } from '../../module';
import { accountsRoutes } from './accounts.routes';
import { ACCOUNT_MAIL, SUSPENSION_END } from './accounts.jobs';
import { endSuspension } from './accounts.suspension.service';
import { exportAccountData, hubAdminBlocker } from './accounts.rights.service';
import { deliverAccountMail, pruneExpiredAccountLimits } from './accounts.service';

/** Sign-up, sign-in, sessions, profiles and the people admin page. */
export const accountsModule = defineModule({
  name: 'accounts',
  routes: accountsRoutes,
  authActions: {
    'users.list': 'Admins and coordinators: list every account with its role and suspension.',
    'users.suspend':
      'Coordinators suspend and reinstate members; admins members and coordinators. Nobody suspends an admin or themselves.',
    'users.setRole': 'Admins: grant or withdraw the coordinator and admin roles (the last admin stays one).'
  } satisfies Partial<Record<GlobalAction, string>>,
  // Password-attempt windows and mail cooldowns that are over serve nothing.
  housekeeping: pruneExpiredAccountLimits,
  exportPersonalData: (hub, userId) => exportAccountData(hub, userId),
  accountDeletionBlockers: hubAdminBlocker,
  jobHandlers: (jobs, hub) => {
    jobs.handle(ACCOUNT_MAIL, (job) => deliverAccountMail(hub, job));
    jobs.handle(SUSPENSION_END, async (job) => {
      await endSuspension(hub, job);
    });
  }
});
