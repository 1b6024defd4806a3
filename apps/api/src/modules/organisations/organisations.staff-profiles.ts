// Which staff names on an organisation's page may link to the person's profile:
// the people domain's own rule (people.policy), answered for the whole list in at
// most two queries, so the page never offers a link that would answer 404.
import type { Tx } from '@mutirao/db';
import type { Actor } from '../../auth/can';
import { canViewPerson } from '../people/people.policy';
import * as repo from './organisations.staff-profiles.repo';

export async function visibleProfiles(
  db: Tx,
  viewer: Actor | null,
  userIds: string[],
  /** The viewer belongs to this organisation and it is approved: a shared organisation, known without a query. */
  viewerSharesThisOne: boolean
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const people = await repo.profileFactsOf(db, userIds);
  let sharing: Promise<Set<string>> | undefined;
  // Asked once, and only if some profile is for its organisations alone.
  const colleagues = () => (sharing ??= viewerSharesThisOne ? Promise.resolve(new Set(userIds)) : repo.colleaguesOf(db, viewer!.id, userIds));
  const visible = new Set<string>();
  for (const person of people) {
    const facts = { id: person.id, emailVerifiedAt: person.emailVerifiedAt, visibility: person.visibility ?? ('members' as const) };
    // canViewPerson asks about shared organisations only for a signed-in viewer.
    if (await canViewPerson(viewer, facts, async () => (await colleagues()).has(person.id))) visible.add(person.id);
  }
  return visible;
}
