// Coordinators' review: the queue by status, decisions (approve, reject, suspend, reinstate)
// and the audit trail.
import type { Tx } from '@mutirao/db';
import type { OrganisationStatus } from '@mutirao/shared';
import { authorize, requireActor, type Actor } from '../../auth/can';
import { conflict, notFound } from '../../http/errors';
import { notify } from '../notifications/notifications.service';
import { authorized } from './organisations.access';
import { afterChange, queueNotificationMail, recordAudit, reviewQueueChanged, type AuditAction, type OrganisationsHub } from './organisations.changes';
import { organisationMail } from './organisations.mail';
import { APPROVED_NAME_INDEX } from './organisations.names';
import * as repo from './organisations.repo';

const QUEUE_PAGE_SIZE = 25;
const AUDIT_PAGE_SIZE = 50;

/** The review queue by status; each item lists the other live organisations with the same name. */
export async function listForReview(hub: OrganisationsHub, actor: Actor | null, status: OrganisationStatus, page: number) {
  authorize(actor, 'hub.moderate');
  const { items, total } = await repo.listByStatus(hub.db, status, page, QUEUE_PAGE_SIZE);
  const duplicates = await repo.possibleDuplicates(hub.db, items.map((item) => item.organisation));
  return {
    items: items.map((item) => ({ ...item, possibleDuplicates: duplicates.get(item.organisation.id) ?? [] })),
    total,
    page,
    pageSize: QUEUE_PAGE_SIZE
  };
}

/** How many applications wait: the count beside the header's "Administration" link. */
export async function pendingCount(hub: OrganisationsHub, actor: Actor | null): Promise<number> {
  authorize(actor, 'hub.moderate');
  return repo.countByStatus(hub.db, 'pending');
}

export async function auditTrail(hub: OrganisationsHub, actor: Actor | null, id: string, page: number) {
  authorize(actor, 'hub.moderate');
  if (!(await repo.findOrganisationById(hub.db, id))) throw notFound('No such organisation.');
  const { items, total } = await repo.listAudit(hub.db, id, page, AUDIT_PAGE_SIZE);
  return { items, total, page, pageSize: AUDIT_PAGE_SIZE };
}

type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';
const transitions: Record<Decision, { from: OrganisationStatus; to: OrganisationStatus; action: AuditAction; done: string }> = {
  approve: { from: 'pending', to: 'approved', action: 'status.approved', done: 'approved' },
  reject: { from: 'pending', to: 'rejected', action: 'status.rejected', done: 'rejected' },
  suspend: { from: 'approved', to: 'suspended', action: 'status.suspended', done: 'suspended' },
  reinstate: { from: 'suspended', to: 'approved', action: 'status.reinstated', done: 'reinstated' }
};

/** In-app notice of a decision: approval or rejection to the applicant, suspension or reinstatement to the admins. */
async function notifyDecision(hub: OrganisationsHub, tx: Tx, decision: Decision, org: repo.OrganisationRow) {
  const about = { organisationId: org.id, slug: org.slug, name: org.name };
  const reason = org.statusReason ?? '';
  if (decision === 'approve' && org.applicantId) await notify(hub, tx, org.applicantId, 'organisation.approved', about);
  if (decision === 'reject' && org.applicantId) await notify(hub, tx, org.applicantId, 'organisation.rejected', { ...about, reason });
  if (decision === 'suspend' || decision === 'reinstate') {
    for (const adminId of await repo.adminIds(tx, org.id)) {
      if (decision === 'suspend') await notify(hub, tx, adminId, 'organisation.suspended', { ...about, reason });
      else await notify(hub, tx, adminId, 'organisation.reinstated', about);
    }
  }
}

/** Two approvals of same-named organisations at once: the database's index stops the second. */
async function refusingSecondMemberName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (repo.uniqueViolation(err) === APPROVED_NAME_INDEX) {
      throw conflict('organisation_name_taken', 'A member organisation already has this name; rename one of them first.');
    }
    throw err;
  }
}

/**
 * A coordinator's decision on an organisation. Approval makes the applicant its
 * first admin; the applicant hears of approval or rejection in-app and by mail,
 * both written in the decision's transaction (the mail as a job), so neither
 * exists unless the decision commits.
 */
export async function decide(hub: OrganisationsHub, actor: Actor | null, id: string, decision: Decision, reason?: string) {
  requireActor(actor);
  const step = transitions[decision];
  return refusingSecondMemberName(() => hub.db.transaction(async (tx) => {
    const { org } = await authorized(tx, actor, id, 'review', { lock: true });
    if (org.status !== step.from) {
      throw conflict('invalid_status', `This organisation is ${org.status}; only a ${step.from} one can be ${step.done}.`);
    }
    // Becoming a member takes the name: two members may not share it.
    if (step.to === 'approved' && (await repo.findApprovedByNameKey(tx, org.nameKey, org.id))) {
      throw conflict('organisation_name_taken', 'A member organisation already has this name; rename one of them first.');
    }
    const now = new Date();
    const row = await repo.updateOrganisation(tx, org.id, {
      status: step.to,
      statusReason: step.to === 'rejected' || step.to === 'suspended' ? reason!.trim() : null,
      reviewedBy: actor.id,
      reviewedAt: now,
      ...(decision === 'approve' && { approvedAt: now })
    });
    await recordAudit(tx, org.id, actor, step.action, {
      details: { from: org.status, to: step.to, ...(reason && { reason: reason.trim() }) }
    });
    if (decision === 'approve' && org.applicantId) {
      await repo.insertMember(tx, { organisationId: org.id, userId: org.applicantId, role: 'admin' });
      await recordAudit(tx, org.id, actor, 'member.added', { subject: org.applicantId, details: { role: 'admin', via: 'approval' } });
    }
    // Who may follow it changes with its status (a suspended organisation is no longer
    // public); sent before the announcement, which then reaches only those still allowed.
    await hub.live.accessChanged(tx, { topic: `organisation:${org.id}` });
    await afterChange(hub, tx, row, 'status');
    if (step.from === 'pending') await reviewQueueChanged(hub, tx, org.id);
    await notifyDecision(hub, tx, decision, row);
    const applicant = org.applicantId ? await repo.findUserForMail(tx, org.applicantId) : undefined;
    if (applicant && (decision === 'approve' || decision === 'reject')) {
      const link =
        decision === 'approve'
          ? `${hub.config.publicOrigin}/organisations/${row.slug}`
          : `${hub.config.publicOrigin}/organisations/mine`;
      await queueNotificationMail(
        hub,
        tx,
        applicant.id,
        decision === 'approve' ? 'organisation.approved' : 'organisation.rejected',
        organisationMail(decision === 'approve' ? 'approved' : 'rejected', applicant, {
          organisation: row.name,
          link,
          reason: row.statusReason ?? undefined
        })
      );
    }
    return row;
  }));
}
