import { and, eq, inArray } from 'drizzle-orm';
import { organisationMembers, organisations, peopleProfiles, users, type Tx } from '@mutirao/db';

/** What the profile rule needs of each person: verified or not, and their chosen visibility (null without a profile). */
export function profileFactsOf(db: Tx, userIds: string[]) {
  return db
    .select({ id: users.id, emailVerifiedAt: users.emailVerifiedAt, visibility: peopleProfiles.visibility })
    .from(users)
    .leftJoin(peopleProfiles, eq(peopleProfiles.userId, users.id))
    .where(inArray(users.id, userIds));
}

/** Those of `userIds` who belong to an approved organisation that `viewerId` also belongs to. */
export async function colleaguesOf(db: Tx, viewerId: string, userIds: string[]): Promise<Set<string>> {
  const mine = db
    .select({ id: organisationMembers.organisationId })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.userId, viewerId), eq(organisations.status, 'approved')));
  const rows = await db
    .selectDistinct({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .where(and(inArray(organisationMembers.userId, userIds), inArray(organisationMembers.organisationId, mine)));
  return new Set(rows.map((r) => r.userId));
}
