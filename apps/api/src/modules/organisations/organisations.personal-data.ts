// The organisations domain's part in the owner's data rights: what goes into the
// export, what blocks a deletion, and what a deletion removes.
import type { Tx } from '@mutirao/db';
import type { Hub } from '../../hub';
import type { DeletionBlocker } from '../../module';
import { afterChange, recordAudit } from './organisations.changes';
import * as repo from './organisations.personal-data.repo';

export async function exportOrganisationData(hub: Pick<Hub, 'db'>, userId: string) {
  const [memberships, applications, joinRequests, audit] = await Promise.all([
    repo.membershipsOf(hub.db, userId),
    repo.applicationsOf(hub.db, userId),
    repo.joinRequestsOf(hub.db, userId),
    repo.auditAbout(hub.db, userId)
  ]);
  return {
    memberships: memberships.map(({ organisation, member }) => ({
      organisation: { slug: organisation.slug, name: organisation.name },
      role: member.role,
      listed: member.listed,
      since: member.createdAt.toISOString()
    })),
    applications: applications.map((a) => ({ slug: a.slug, name: a.name, status: a.status, appliedAt: a.createdAt.toISOString() })),
    joinRequests: joinRequests.map(({ request, organisation }) => ({
      organisation,
      message: request.message,
      status: request.status,
      createdAt: request.createdAt.toISOString(),
      decidedAt: request.decidedAt?.toISOString() ?? null
    })),
    // Entries about the person; who else took part is left out (their ids are not the person's data).
    auditEntries: audit.map(({ entry, organisation }) => ({
      organisation,
      action: entry.action,
      role: entry.actorId === userId ? (entry.subjectUserId === userId ? 'actor and subject' : 'actor') : 'subject',
      details: entry.details,
      at: entry.at.toISOString()
    }))
  };
}

export async function organisationDeletionBlockers(tx: Tx, userId: string): Promise<DeletionBlocker[]> {
  const only = await repo.organisationsOnlyAdminOf(tx, userId);
  return only.map((org) => ({ kind: 'organisation_last_admin', ref: org.slug, name: org.name }));
}

/**
 * Leaves every organisation (audited as leaving, with no personal detail), withdraws
 * open requests to join and detaches pending applications. What the person did in
 * an organisation stays in its audit trail, under the anonymised account.
 */
export async function eraseOrganisationData(hub: Hub, tx: Tx, userId: string): Promise<void> {
  const memberships = await repo.membershipsOf(tx, userId);
  await repo.deleteMembershipsOf(tx, userId);
  for (const { organisation, member } of memberships) {
    await recordAudit(tx, organisation.id, { id: userId }, 'member.left', { subject: userId, details: { role: member.role, accountDeleted: true } });
    await afterChange(hub, tx, organisation, 'staff');
  }
  await repo.withdrawPendingJoinRequestsOf(tx, userId);
  await repo.detachPendingApplicationsOf(tx, userId);
}
