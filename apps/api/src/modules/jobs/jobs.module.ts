import type { GlobalAction } from '../../auth/can';
import { defineModule } from '../../module';
import { jobsRoutes } from './jobs.routes';

/** Admins see background jobs that failed after their retries, and retry them. */
export const jobsModule = defineModule({
  name: 'jobs',
  routes: jobsRoutes,
  authActions: {
    'jobs.manage': 'Admins: list failed background jobs and retry them.'
  } satisfies Partial<Record<GlobalAction, string>>
});
