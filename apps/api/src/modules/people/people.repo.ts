import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import { organisationMembers, organisations, peopleProfiles, users, type Tx } from '@mutirao/db';
import type { OrganisationRole } from '@mutirao/shared';

export type ProfileRow = typeof peopleProfiles.$inferSelect;
export type ProfileChanges = Partial<Omit<typeof peopleProfiles.$inferInsert, 'userId'>>;

/** A person as the profile shows them: the account's own fields and the profile row, if any. */
export interface PersonRow {
  id: string;
  name: string;
  role: string;
  createdAt: Date;
  emailVerifiedAt: Date | null;
  suspendedAt: Date | null;
  suspendedUntil: Date | null;
  suspensionReason: string | null;
  profile: ProfileRow | null;
}

const personColumns = {
  id: users.id,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
  emailVerifiedAt: users.emailVerifiedAt,
  suspendedAt: users.suspendedAt,
  suspendedUntil: users.suspendedUntil,
  suspensionReason: users.suspensionReason,
  profile: peopleProfiles
};

export async function findPerson(tx: Tx, id: string): Promise<PersonRow | undefined> {
  const [row] = await tx.select(personColumns).from(users).leftJoin(peopleProfiles, eq(peopleProfiles.userId, users.id)).where(eq(users.id, id));
  return row;
}

export async function peopleByIds(tx: Tx, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select(personColumns)
    .from(users)
    .leftJoin(peopleProfiles, eq(peopleProfiles.userId, users.id))
    .where(inArray(users.id, [...ids]));
}

/** Verified people, by id, for rebuilding the directory in pages. */
export async function verifiedIdsAfter(tx: Tx, after: string | null, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(isNotNull(users.emailVerifiedAt), after ? gt(users.id, after) : undefined))
    .orderBy(asc(users.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Creates the profile row on the first save, or changes it; locks it for the rest of the transaction. */
export async function saveProfile(tx: Tx, userId: string, changes: ProfileChanges): Promise<ProfileRow> {
  const [row] = await tx
    .insert(peopleProfiles)
    .values({ userId, ...changes, updatedAt: new Date() })
    .onConflictDoUpdate({ target: peopleProfiles.userId, set: { ...changes, updatedAt: new Date() } })
    .returning();
  return row;
}

export async function renamePerson(tx: Tx, userId: string, name: string): Promise<void> {
  await tx.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, userId));
}

export interface PersonMembership {
  userId: string;
  organisationId: string;
  slug: string;
  name: string;
  role: OrganisationRole;
  listed: boolean;
}

/**
 * Memberships in member (approved) organisations. A pending or suspended organisation
 * is not shown on profiles, and does not make anyone "in the same organisation".
 */
export async function membershipsOf(tx: Tx, userIds: readonly string[]): Promise<PersonMembership[]> {
  if (userIds.length === 0) return [];
  return tx
    .select({
      userId: organisationMembers.userId,
      organisationId: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      role: organisationMembers.role,
      listed: organisationMembers.listed
    })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(inArray(organisationMembers.userId, [...userIds]), eq(organisations.status, 'approved')))
    .orderBy(asc(organisations.name));
}

/** Whether two people belong to at least one member organisation together. */
export async function shareAnOrganisation(tx: Tx, a: string, b: string): Promise<boolean> {
  const other = sql`(select 1 from ${organisationMembers} m2 where m2.organisation_id = ${organisationMembers.organisationId} and m2.user_id = ${b})`;
  const [row] = await tx
    .select({ one: sql<number>`1` })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.userId, a), eq(organisations.status, 'approved'), sql`exists ${other}`))
    .limit(1);
  return !!row;
}

export async function approvedOrganisationIdsOf(tx: Tx, userId: string): Promise<string[]> {
  const rows = await membershipsOf(tx, [userId]);
  return rows.map((r) => r.organisationId);
}

export async function approvedOrganisationsByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(and(inArray(organisations.id, [...ids]), eq(organisations.status, 'approved')));
}

/** For the demo seed: an approved organisation by its exact name, and one of its admins. */
export async function approvedOrganisationWithAdmin(tx: Tx, name: string) {
  const [row] = await tx
    .select({ id: organisations.id, adminId: organisationMembers.userId })
    .from(organisations)
    .innerJoin(organisationMembers, and(eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.role, 'admin')))
    .where(and(eq(organisations.name, name), eq(organisations.status, 'approved')))
    .limit(1);
  return row;
}
