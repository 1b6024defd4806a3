import { and, asc, count, desc, eq, gt, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  organisationAudit,
  organisationInvitations,
  organisationJoinRequests,
  organisationMembers,
  organisations,
  users,
  type Tx
} from '@mutirao/db';
import type { OrganisationRole, OrganisationStatus } from '@mutirao/shared';

export type OrganisationRow = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
export type MemberRow = typeof organisationMembers.$inferSelect;
export type JoinRequestRow = typeof organisationJoinRequests.$inferSelect;
export type InvitationRow = typeof organisationInvitations.$inferSelect;

/** The Postgres unique constraint a failed statement broke, if that is why it failed. */
export function uniqueViolation(err: unknown): string | undefined {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint ?? '';
  }
  return undefined;
}

// ---------------------------------------------------------------- organisations

export async function insertOrganisation(tx: Tx, values: NewOrganisation): Promise<OrganisationRow> {
  const [row] = await tx.insert(organisations).values(values).returning();
  return row;
}

export async function updateOrganisation(tx: Tx, id: string, values: Partial<NewOrganisation>): Promise<OrganisationRow> {
  const [row] = await tx
    .update(organisations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organisations.id, id))
    .returning();
  return row;
}

export async function findOrganisationById(tx: Tx, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return row;
}

/**
 * Reads the organisation and locks its row until the transaction ends: every
 * staff change takes this lock first, so two admins demoting each other at once
 * cannot both pass the last-admin check.
 */
export async function lockOrganisation(tx: Tx, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id)).limit(1).for('update');
  return row;
}

export async function findOrganisationBySlug(tx: Tx, slug: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  return row;
}

/** Slugs equal to `base` or of the form `base-…`, to pick a free suffix from. */
export async function slugsLike(tx: Tx, base: string): Promise<string[]> {
  const rows = await tx
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(or(eq(organisations.slug, base), like(organisations.slug, `${base}-%`)));
  return rows.map((r) => r.slug);
}

/** The member (approved) organisation with this name key, if any: the one whose name is taken. */
export async function findApprovedByNameKey(tx: Tx, nameKey: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      and(
        eq(organisations.nameKey, nameKey),
        eq(organisations.status, 'approved'),
        exceptId ? sql`${organisations.id} <> ${exceptId}` : undefined
      )
    )
    .limit(1);
  return row;
}

export interface PossibleDuplicate {
  id: string;
  slug: string;
  name: string;
  status: OrganisationStatus;
}

/**
 * For each of these organisations, the others (not rejected) with the same name key:
 * what coordinators see as possible duplicates in the review queue.
 */
export async function possibleDuplicates(
  tx: Tx,
  of: Array<{ id: string; nameKey: string }>
): Promise<Map<string, PossibleDuplicate[]>> {
  const result = new Map<string, PossibleDuplicate[]>(of.map((o) => [o.id, []]));
  if (of.length === 0) return result;
  const rows = await tx
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      status: organisations.status,
      nameKey: organisations.nameKey
    })
    .from(organisations)
    .where(and(inArray(organisations.nameKey, [...new Set(of.map((o) => o.nameKey))]), sql`${organisations.status} <> 'rejected'`))
    .orderBy(asc(organisations.createdAt), asc(organisations.id));
  for (const org of of) {
    for (const row of rows) {
      if (row.nameKey === org.nameKey && row.id !== org.id) {
        result.get(org.id)!.push({ id: row.id, slug: row.slug, name: row.name, status: row.status });
      }
    }
  }
  return result;
}

export async function newestApproved(tx: Tx, limit: number): Promise<OrganisationRow[]> {
  return tx
    .select()
    .from(organisations)
    .where(eq(organisations.status, 'approved'))
    .orderBy(desc(organisations.approvedAt), desc(organisations.id))
    .limit(limit);
}

/** Applications and organisations by status, oldest first (the review queue's order). */
export async function listByStatus(tx: Tx, status: OrganisationStatus, page: number, pageSize: number) {
  const where = eq(organisations.status, status);
  const [items, [{ total }]] = await Promise.all([
    tx
      .select({ organisation: organisations, applicant: { id: users.id, name: users.name, email: users.email, country: users.country } })
      .from(organisations)
      .leftJoin(users, eq(users.id, organisations.applicantId))
      .where(where)
      .orderBy(asc(organisations.createdAt), asc(organisations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ total: count() }).from(organisations).where(where)
  ]);
  return { items, total };
}

export async function applicationsOf(tx: Tx, userId: string): Promise<OrganisationRow[]> {
  return tx
    .select()
    .from(organisations)
    .where(eq(organisations.applicantId, userId))
    .orderBy(desc(organisations.createdAt));
}

/** Approved organisations among these ids: the directory index holds nothing else. */
export async function approvedByIds(tx: Tx, ids: string[]): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(organisations)
    .where(and(inArray(organisations.id, ids), eq(organisations.status, 'approved')));
}

export async function approvedIdsAfter(tx: Tx, after: string | null, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.status, 'approved'), after ? gt(organisations.id, after) : undefined))
    .orderBy(asc(organisations.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- members

export async function memberIds(tx: Tx, organisationId: string): Promise<string[]> {
  const rows = await tx.select({ id: organisationMembers.userId }).from(organisationMembers).where(eq(organisationMembers.organisationId, organisationId));
  return rows.map((r) => r.id);
}

export async function findMembership(tx: Tx, organisationId: string, userId: string): Promise<MemberRow | undefined> {
  const [row] = await tx
    .select()
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
    .limit(1);
  return row;
}

export async function insertMember(
  tx: Tx,
  values: { organisationId: string; userId: string; role: OrganisationRole }
): Promise<MemberRow | undefined> {
  const [row] = await tx.insert(organisationMembers).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateMember(
  tx: Tx,
  organisationId: string,
  userId: string,
  values: Partial<Pick<MemberRow, 'role' | 'listed'>>
): Promise<MemberRow | undefined> {
  const [row] = await tx
    .update(organisationMembers)
    .set(values)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
    .returning();
  return row;
}

export async function deleteMember(tx: Tx, organisationId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .delete(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
    .returning({ userId: organisationMembers.userId });
  return rows.length > 0;
}

export async function countAdmins(tx: Tx, organisationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.role, 'admin')));
  return row?.n ?? 0;
}

export async function adminIds(tx: Tx, organisationId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.role, 'admin')));
  return rows.map((r) => r.userId);
}

/** Staff with their names; admins first, then by name. */
export async function listMembers(tx: Tx, organisationId: string, options: { listedOnly: boolean }) {
  return tx
    .select({
      member: organisationMembers,
      user: { id: users.id, name: users.name, email: users.email, country: users.country }
    })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(
      and(
        eq(organisationMembers.organisationId, organisationId),
        options.listedOnly ? eq(organisationMembers.listed, true) : undefined
      )
    )
    .orderBy(asc(organisationMembers.role), asc(users.name));
}

export async function membershipsOf(tx: Tx, userId: string) {
  return tx
    .select({ member: organisationMembers, organisation: organisations })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, userId))
    .orderBy(asc(organisations.name));
}

// ---------------------------------------------------------------- join requests

export async function insertJoinRequest(
  tx: Tx,
  values: { organisationId: string; userId: string; message: string }
): Promise<JoinRequestRow> {
  const [row] = await tx.insert(organisationJoinRequests).values(values).returning();
  return row;
}

export async function findPendingJoinRequest(tx: Tx, organisationId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(organisationJoinRequests)
    .where(
      and(
        eq(organisationJoinRequests.organisationId, organisationId),
        eq(organisationJoinRequests.userId, userId),
        eq(organisationJoinRequests.status, 'pending')
      )
    )
    .limit(1);
  return row;
}

export async function findJoinRequest(tx: Tx, organisationId: string, requestId: string) {
  const [row] = await tx
    .select()
    .from(organisationJoinRequests)
    .where(and(eq(organisationJoinRequests.id, requestId), eq(organisationJoinRequests.organisationId, organisationId)))
    .limit(1);
  return row;
}

/** Decides a request that is still pending; undefined when it was already decided. */
export async function decideJoinRequest(
  tx: Tx,
  requestId: string,
  status: 'approved' | 'declined' | 'withdrawn',
  decidedBy: string
): Promise<JoinRequestRow | undefined> {
  const [row] = await tx
    .update(organisationJoinRequests)
    .set({ status, decidedBy, decidedAt: new Date() })
    .where(and(eq(organisationJoinRequests.id, requestId), eq(organisationJoinRequests.status, 'pending')))
    .returning();
  return row;
}

export async function listPendingJoinRequests(tx: Tx, organisationId: string) {
  return tx
    .select({ request: organisationJoinRequests, user: { id: users.id, name: users.name, country: users.country } })
    .from(organisationJoinRequests)
    .innerJoin(users, eq(users.id, organisationJoinRequests.userId))
    .where(and(eq(organisationJoinRequests.organisationId, organisationId), eq(organisationJoinRequests.status, 'pending')))
    .orderBy(asc(organisationJoinRequests.createdAt));
}

export async function joinRequestsOf(tx: Tx, userId: string) {
  return tx
    .select({
      request: organisationJoinRequests,
      organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name }
    })
    .from(organisationJoinRequests)
    .innerJoin(organisations, eq(organisations.id, organisationJoinRequests.organisationId))
    .where(eq(organisationJoinRequests.userId, userId))
    .orderBy(desc(organisationJoinRequests.createdAt));
}

// ---------------------------------------------------------------- invitations

export async function insertInvitation(tx: Tx, values: typeof organisationInvitations.$inferInsert): Promise<InvitationRow> {
  const [row] = await tx.insert(organisationInvitations).values(values).returning();
  return row;
}

export async function findInvitationByTokenHash(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({ invitation: organisationInvitations, organisation: organisations })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(eq(organisationInvitations.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/**
 * Marks an open invitation accepted, atomically: of two requests racing with
 * the same link, only one gets the row back.
 */
export async function consumeInvitation(tx: Tx, id: string, userId: string): Promise<InvitationRow | undefined> {
  const [row] = await tx
    .update(organisationInvitations)
    .set({ acceptedBy: userId, acceptedAt: new Date() })
    .where(
      and(
        eq(organisationInvitations.id, id),
        isNull(organisationInvitations.acceptedAt),
        gt(organisationInvitations.expiresAt, new Date())
      )
    )
    .returning();
  return row;
}

export async function listOpenInvitations(tx: Tx, organisationId: string): Promise<InvitationRow[]> {
  return tx
    .select()
    .from(organisationInvitations)
    .where(
      and(
        eq(organisationInvitations.organisationId, organisationId),
        isNull(organisationInvitations.acceptedAt),
        gt(organisationInvitations.expiresAt, new Date())
      )
    )
    .orderBy(desc(organisationInvitations.createdAt));
}

// ---------------------------------------------------------------- audit

export interface AuditInput {
  organisationId: string;
  actorId: string | null;
  action: string;
  subjectUserId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.insert(organisationAudit).values({
    organisationId: entry.organisationId,
    actorId: entry.actorId,
    action: entry.action,
    subjectUserId: entry.subjectUserId ?? null,
    details: entry.details ?? {}
  });
}

const actorUser = alias(users, 'audit_actor');
const subjectUser = alias(users, 'audit_subject');

/** Newest first. */
export async function listAudit(tx: Tx, organisationId: string, page: number, pageSize: number) {
  const where = eq(organisationAudit.organisationId, organisationId);
  const [items, [{ total }]] = await Promise.all([
    tx
      .select({
        entry: organisationAudit,
        actor: { id: actorUser.id, name: actorUser.name },
        subject: { id: subjectUser.id, name: subjectUser.name }
      })
      .from(organisationAudit)
      .leftJoin(actorUser, eq(actorUser.id, organisationAudit.actorId))
      .leftJoin(subjectUser, eq(subjectUser.id, organisationAudit.subjectUserId))
      .where(where)
      .orderBy(desc(organisationAudit.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ total: count() }).from(organisationAudit).where(where)
  ]);
  return { items, total };
}

export async function findUserForMail(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

export async function findUserByEmail(tx: Tx, emailNormalized: string) {
  const [row] = await tx
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(eq(users.emailNormalized, emailNormalized))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------- coordinators and the home

/** Coordinators and hub admins, who review applications, with what a mail to them needs. */
export async function reviewers(tx: Tx) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.role, ['coordinator', 'admin']));
}

export async function countByStatus(tx: Tx, status: OrganisationStatus): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(organisations).where(eq(organisations.status, status));
  return row?.n ?? 0;
}

/** Requests waiting at the organisations this person administers, newest first, with the total. */
export async function joinRequestsToDecide(tx: Tx, userId: string, limit: number) {
  const mine = tx
    .select({ id: organisationMembers.organisationId })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.role, 'admin')));
  const where = and(inArray(organisationJoinRequests.organisationId, mine), eq(organisationJoinRequests.status, 'pending'));
  const [items, [{ total }]] = await Promise.all([
    tx
      .select({
        id: organisationJoinRequests.id,
        createdAt: organisationJoinRequests.createdAt,
        requester: users.name,
        organisation: { slug: organisations.slug, name: organisations.name }
      })
      .from(organisationJoinRequests)
      .innerJoin(organisations, eq(organisations.id, organisationJoinRequests.organisationId))
      .innerJoin(users, eq(users.id, organisationJoinRequests.userId))
      .where(where)
      .orderBy(desc(organisationJoinRequests.createdAt))
      .limit(limit),
    tx.select({ total: count() }).from(organisationJoinRequests).where(where)
  ]);
  return { items, total };
}

/** Invitations addressed to this email that can still be accepted. */
export async function openInvitationsFor(tx: Tx, emailNormalized: string) {
  return tx
    .select({ id: organisationInvitations.id, expiresAt: organisationInvitations.expiresAt, slug: organisations.slug, name: organisations.name })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(
      and(
        eq(organisationInvitations.emailNormalized, emailNormalized),
        isNull(organisationInvitations.acceptedAt),
        gt(organisationInvitations.expiresAt, new Date()),
        eq(organisations.status, 'approved')
      )
    )
    .orderBy(desc(organisationInvitations.createdAt));
}

export async function emailNormalizedOf(tx: Tx, userId: string): Promise<string | undefined> {
  const [row] = await tx.select({ email: users.emailNormalized }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.email;
}
