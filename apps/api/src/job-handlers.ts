import type { Hub } from './hub';
import type { JobRunner } from './jobs/runner';
import { handleMail } from './jobs/mail.job';
import { ACCOUNT_MAIL } from './modules/accounts/accounts.jobs';
import { deliverAccountMail } from './modules/accounts/accounts.service';

/**
 * Every job kind's handler, attached before the runner starts, so the server,
 * the CLI and the tests run the same jobs. Domains add one line here.
 */
export function registerJobHandlers(jobs: JobRunner, hub: Hub): void {
  handleMail(jobs, hub.mailer);
  jobs.handle(ACCOUNT_MAIL, (job) => deliverAccountMail(hub, job));
}
