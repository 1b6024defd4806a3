import type { OrganisationRole, OrganisationStatus } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import { forbidden, notFound, unauthorized } from '../../http/errors';

export type OrganisationAction =
  /** See the profile (and logo). Public once approved. */
  | 'view'
  /** Change the profile or the logo. */
  | 'edit'
  /** Invite, decide join requests, change roles, remove people, see every member. */
  | 'manageStaff'
  /** Ask to join. */
  | 'requestToJoin'
  /** Approve, reject, suspend, reinstate; read the audit trail. */
  | 'review';

export interface OrganisationFacts {
  status: OrganisationStatus;
  applicantId: string | null;
}

/** The actor's place in the organisation, when they have one. */
export type Membership = { role: OrganisationRole } | null | undefined;

const isPublic = (org: OrganisationFacts) => org.status === 'approved';

/**
 * The one place that says who may do what to an organisation. Coordinators
 * (and hub admins) may do everything; the applicant looks after a pending
 * application; the organisation's admins look after it once it is a member.
 */
export function canOrganisation(
  actor: Actor | null | undefined,
  action: OrganisationAction,
  org: OrganisationFacts,
  membership: Membership
): boolean {
  const staff = isStaff(actor);
  const isApplicant = !!actor && org.applicantId === actor.id;
  const isAdmin = membership?.role === 'admin';
  switch (action) {
    case 'view':
      return isPublic(org) || staff || !!membership || isApplicant;
    case 'edit':
      if (staff) return org.status !== 'rejected';
      if (org.status === 'pending') return isApplicant;
      return (org.status === 'approved' || org.status === 'suspended') && isAdmin;
    case 'manageStaff':
      if (org.status !== 'approved' && org.status !== 'suspended') return false;
      return staff || isAdmin;
    case 'requestToJoin':
      return !!actor && isPublic(org) && !membership;
    case 'review':
      return staff;
  }
}

/**
 * Throws the answer a refused person gets: 401 for visitors, 404 when they may
 * not even know the organisation exists (it is not public and not theirs), 403
 * when they can see it but not do this.
 */
export function authorizeOrganisation<T extends OrganisationFacts>(
  actor: Actor | null | undefined,
  action: OrganisationAction,
  org: T | undefined,
  membership: Membership
): asserts org is T {
  if (action !== 'view' && !actor) throw unauthorized();
  if (!org || !canOrganisation(actor, 'view', org, membership)) throw notFound('No such organisation.');
  if (!canOrganisation(actor, action, org, membership)) throw forbidden();
}
