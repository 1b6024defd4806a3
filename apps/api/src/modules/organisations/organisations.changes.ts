import type { Tx } from '@mutirao/db';
import type { NotificationKind, OrganisationStatus } from '@mutirao/shared';
import type { Hub } from '../../hub';
import type { OutgoingMail } from '../../infra/mail';
import { queueMail } from '../../jobs/mail.job';
import { wantsMail } from '../notifications/notifications.service';
import { unsubscribable } from '../notifications/unsubscribe';
import * as repo from './organisations.repo';
import { ORGANISATIONS_INDEX } from './organisations.search';

/** The people directory's index (modules/people), named rather than imported: domains do not import each other. */
const PEOPLE_INDEX = 'people';

/**
 * What the organisation services need. The job queue (mail) and logging are optional
 * so the demo seed (which has neither, and should not mail anyone) can use the same rules.
 */
export type OrganisationsHub = Pick<Hub, 'db' | 'config' | 'search' | 'live' | 'files'> & Partial<Pick<Hub, 'jobs' | 'log'>>;

/**
 * Every action the audit trail records. The web labels each one
 * (`routes/organisations/organisations.ts`), so a new one needs a label there too.
 */
export type AuditAction =
  | 'organisation.applied'
  | 'organisation.updated'
  | 'status.approved'
  | 'status.rejected'
  | 'status.suspended'
  | 'status.reinstated'
  | 'member.added'
  | 'member.removed'
  | 'member.left'
  | 'member.role_changed'
  | 'member.listing_changed'
  | 'join.requested'
  | 'join.approved'
  | 'join.declined'
  | 'join.withdrawn'
  | 'invitation.sent'
  | 'invitation.accepted'
  | 'logo.updated'
  | 'logo.removed';

/**
 * One row of the audit trail, written in the change's transaction so the trail
 * never records a change that rolled back, nor misses one that committed.
 */
export function recordAudit(
  tx: Tx,
  organisationId: string,
  actor: { id: string },
  action: AuditAction,
  about: { subject?: string | null; details?: Record<string, unknown> } = {}
): Promise<void> {
  return repo.recordAudit(tx, { organisationId, actorId: actor.id, action, subjectUserId: about.subject, details: about.details });
}

/**
 * What changed, which decides whether the directory needs the news:
 * - `profile`: fields the directory shows; only approved organisations are documents,
 *   so a pending or suspended one's edit has nothing to update;
 * - `status`: always, since the index's loader adds or removes the document by status;
 * - `staff`: never, since the directory document holds no staff (but people's documents do).
 */
export type Change = 'profile' | 'status' | 'staff';

/**
 * After a change to an organisation, in the change's transaction: the search outbox
 * row (when the directory shows what changed) and `organisation.updated` on
 * `organisation:<id>` for open pages. Both exist only if the change commits.
 */
export async function afterChange(
  hub: OrganisationsHub,
  tx: Tx,
  org: { id: string; status: OrganisationStatus },
  change: Change,
  formerMembers: readonly string[] = []
) {
  if (change === 'status' || (change === 'profile' && org.status === 'approved')) {
    await hub.search.enqueue(tx, ORGANISATIONS_INDEX, org.id, 'upsert');
  }
  // People's directory documents list their (approved) organisations: a staff or status
  // change updates its members' documents, and those of anyone who just left.
  if (change !== 'profile') {
    for (const userId of new Set([...(await repo.memberIds(tx, org.id)), ...formerMembers])) {
      await hub.search.enqueue(tx, PEOPLE_INDEX, userId, 'upsert');
    }
  }
  await hub.live.publish(tx, { topic: `organisation:${org.id}`, type: 'organisation.updated', id: org.id });
}

/**
 * Mail goes out through a job enqueued in the change's transaction, so it is
 * sent exactly when the change commits. The demo seed has no job queue and
 * mails nobody.
 */
export async function queueMails(hub: OrganisationsHub, tx: Tx, mails: OutgoingMail[]) {
  if (!hub.jobs) return;
  for (const mail of mails) await queueMail({ jobs: hub.jobs }, tx, mail);
}

/**
 * A mail that goes with a notification of `kind`: enqueued only when the person has
 * not turned that kind's mail off (account page, "Notifications").
 */
export async function queueNotificationMail(hub: OrganisationsHub, tx: Tx, userId: string, kind: NotificationKind, mail: OutgoingMail) {
  if (!hub.jobs) return;
  if (await wantsMail(tx, userId, kind)) await queueMail({ jobs: hub.jobs }, tx, await unsubscribable(hub, tx, userId, kind, mail));
}

/** The live topic of the review queue, which coordinators' headers and queue pages follow. */
export const REVIEW_TOPIC = 'review:organisations';

/** The number of applications waiting changed (one arrived, one was decided): open queues and headers re-count. */
export function reviewQueueChanged(hub: OrganisationsHub, tx: Tx, organisationId: string) {
  return hub.live.publish(tx, { topic: REVIEW_TOPIC, type: 'review.changed', id: organisationId });
}
