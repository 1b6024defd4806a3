import type { ProfileVisibility } from '@mutirao/shared/people';
import { isStaff, type Actor } from '../../auth/can';
import { notFound } from '../../http/errors';

export interface PersonFacts {
  id: string;
  emailVerifiedAt: Date | null;
  visibility: ProfileVisibility;
}

/**
 * Who may see a person's profile (and photo). The person always; coordinators and
 * admins always (they moderate); nobody else an unverified account, which may be a
 * stranger's typo or a spammer's; otherwise what the person chose. `sharesOrganisation`
 * is asked only when the answer depends on it, because it costs a query.
 */
export async function canViewPerson(
  viewer: Actor | null | undefined,
  person: PersonFacts,
  sharesOrganisation: () => Promise<boolean>
): Promise<boolean> {
  if (viewer && (viewer.id === person.id || isStaff(viewer))) return true;
  if (!person.emailVerifiedAt) return false;
  switch (person.visibility) {
    case 'everyone':
      return true;
    case 'members':
      return !!viewer;
    case 'organisations':
      return !!viewer && (await sharesOrganisation());
  }
}

/**
 * A profile one may not see answers 404, to visitors too: whether someone has an
 * account here, or a private profile, is not for strangers to learn.
 */
export async function authorizeViewPerson(
  viewer: Actor | null | undefined,
  person: PersonFacts | undefined,
  sharesOrganisation: () => Promise<boolean>
): Promise<void> {
  if (!person || !(await canViewPerson(viewer, person, sharesOrganisation))) throw notFound('No such person.');
}
