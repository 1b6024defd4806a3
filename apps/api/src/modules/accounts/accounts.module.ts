import type { GlobalAction } from '../../auth/can';
import { defineModule } from '../../module';
import { accountsRoutes } from './accounts.routes';
import { ACCOUNT_MAIL } from './accounts.jobs';
import { exportAccountData, hubAdminBlocker } from './accounts.rights.service';
import { deliverAccountMail, pruneExpiredAccountLimits } from './accounts.service';

/** Sign-up, sign-in, sessions, profiles and the people admin page. */
export const accountsModule = defineModule({
  name: 'accounts',
  routes: accountsRoutes,
  authActions: {
    'users.list': 'Admins: list every account with its role.',
    'users.setRole': 'Admins: grant or withdraw the coordinator and admin roles (the last admin stays one).'
  } satisfies Partial<Record<GlobalAction, string>>,
  // Password-attempt windows and mail cooldowns that are over serve nothing.
  housekeeping: pruneExpiredAccountLimits,
  exportPersonalData: (hub, userId) => exportAccountData(hub, userId),
  accountDeletionBlockers: hubAdminBlocker,
  jobHandlers: (jobs, hub) => jobs.handle(ACCOUNT_MAIL, (job) => deliverAccountMail(hub, job))
});
