import { defineJobKind } from '../../jobs/job-kind';

export type AccountMailPurpose = 'verify_email' | 'reset_password' | 'already_registered';

export interface AccountMailJob {
  purpose: AccountMailPurpose;
  /** As typed by the person; the job looks the account up, so the request never does. */
  email: string;
  /** Where a verification link leads after confirming (sign-up only). */
  next?: string | null;
}

/**
 * A mail about an account, decided inside the job: whether the address has an
 * account, whether it qualifies, and the single-use token. The requests that
 * trigger it (sign-up, resending the verification, asking for a reset) only
 * enqueue this job, the same single insert whoever the address belongs to, so
 * their timing cannot tell registered addresses from unknown ones.
 */
export const ACCOUNT_MAIL = defineJobKind<AccountMailJob>('accounts.mail', {
  describe: (job) => `${job.purpose} → ${job.email}`,
  expireInSeconds: 180
});

export interface SuspensionEndJob {
  userId: string;
  /** The suspension it was scheduled for: one replaced or lifted since does nothing. */
  suspensionId: string;
}

/**
 * Ends a suspension at its end date (pg-boss `startAfter`): clears the account's
 * suspension and puts the person back in the people directory. Sign-in and sessions
 * already treat a suspension past its end as over, so a late job keeps nobody out.
 */
export const SUSPENSION_END = defineJobKind<SuspensionEndJob>('accounts.suspension-end', {
  describe: (job) => `end of suspension ${job.suspensionId} of ${job.userId}`
});
