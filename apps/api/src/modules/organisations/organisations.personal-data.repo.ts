import { and, desc, eq, or } from 'drizzle-orm';
import { organisationAudit, organisationJoinRequests, organisationMembers, organisations, type Tx } from '@mutirao/db';

/** Organisations whose only admin this person is: they must hand the role on first. */
export async function organisationsOnlyAdminOf(tx: Tx, userId: string) {
  const mine = await tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.role, 'admin')));
  const only = [];
  for (const org of mine) {
    const admins = await tx
      .select({ userId: organisationMembers.userId })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, org.id), eq(organisationMembers.role, 'admin')))
      .limit(2);
    if (admins.length < 2) only.push(org);
  }
  return only;
}

export async function membershipsOf(tx: Tx, userId: string) {
  return tx
    .select({ organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name, status: organisations.status }, member: organisationMembers })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, userId));
}

export async function deleteMembershipsOf(tx: Tx, userId: string): Promise<void> {
  await tx.delete(organisationMembers).where(eq(organisationMembers.userId, userId));
}

/** Open requests to join are withdrawn; decided ones stay as the organisations' history. */
export async function withdrawPendingJoinRequestsOf(tx: Tx, userId: string): Promise<void> {
  await tx.delete(organisationJoinRequests).where(and(eq(organisationJoinRequests.userId, userId), eq(organisationJoinRequests.status, 'pending')));
}

/**
 * A pending application loses its applicant, so approving it later makes nobody
 * admin on their behalf; decided ones keep the (now anonymised) reference.
 */
export async function detachPendingApplicationsOf(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(organisations)
    .set({ applicantId: null })
    .where(and(eq(organisations.applicantId, userId), eq(organisations.status, 'pending')));
}

export async function applicationsOf(tx: Tx, userId: string) {
  return tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, status: organisations.status, createdAt: organisations.createdAt })
    .from(organisations)
    .where(eq(organisations.applicantId, userId))
    .orderBy(desc(organisations.createdAt));
}

export async function joinRequestsOf(tx: Tx, userId: string) {
  return tx
    .select({ request: organisationJoinRequests, organisation: { slug: organisations.slug, name: organisations.name } })
    .from(organisationJoinRequests)
    .innerJoin(organisations, eq(organisations.id, organisationJoinRequests.organisationId))
    .where(eq(organisationJoinRequests.userId, userId))
    .orderBy(desc(organisationJoinRequests.createdAt));
}

/** Audit entries in which the person acted or was acted upon. */
export async function auditAbout(tx: Tx, userId: string) {
  return tx
    .select({ entry: organisationAudit, organisation: { slug: organisations.slug, name: organisations.name } })
    .from(organisationAudit)
    .innerJoin(organisations, eq(organisations.id, organisationAudit.organisationId))
    .where(or(eq(organisationAudit.actorId, userId), eq(organisationAudit.subjectUserId, userId)))
    .orderBy(desc(organisationAudit.id));
}
