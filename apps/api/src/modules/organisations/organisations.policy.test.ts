import { describe, expect, it } from 'vitest';
import type { OrganisationStatus, Role } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import { authorizeOrganisation, canOrganisation, type Membership, type OrganisationAction } from './organisations.policy';

const APPLICANT_ID = 'applicant-id';
const someone = (id: string, role: Role = 'member'): Actor => ({ id, role, emailVerified: true });

/** The people who meet an organisation, with their hub role and their place in it. */
const people = {
  visitor: { actor: null, membership: null },
  stranger: { actor: someone('stranger-id'), membership: null },
  /** Applied for it and is not (yet) on its staff. */
  applicant: { actor: someone(APPLICANT_ID), membership: null },
  member: { actor: someone('member-id'), membership: { role: 'member' } },
  admin: { actor: someone('admin-id'), membership: { role: 'admin' } },
  coordinator: { actor: someone('coordinator-id', 'coordinator'), membership: null },
  hubAdmin: { actor: someone('hub-admin-id', 'admin'), membership: null }
} satisfies Record<string, { actor: Actor | null; membership: Membership }>;
type Person = keyof typeof people;
const everyone = Object.keys(people) as Person[];
const staff: Person[] = ['coordinator', 'hubAdmin'];
const signedIn = everyone.filter((p) => p !== 'visitor');

/** Who may do what, per status: the rules as the issue and ARCHITECTURE.md state them. */
const rules: Record<OrganisationStatus, Record<OrganisationAction, Person[]>> = {
  pending: {
    view: ['applicant', 'member', 'admin', ...staff],
    edit: ['applicant', ...staff],
    manageStaff: [],
    requestToJoin: [],
    review: staff
  },
  approved: {
    view: everyone,
    edit: ['admin', ...staff],
    manageStaff: ['admin', ...staff],
    requestToJoin: ['stranger', 'applicant', ...staff],
    review: staff
  },
  rejected: {
    view: ['applicant', 'member', 'admin', ...staff],
    edit: [],
    manageStaff: [],
    requestToJoin: [],
    review: staff
  },
  suspended: {
    view: ['applicant', 'member', 'admin', ...staff],
    edit: ['admin', ...staff],
    manageStaff: ['admin', ...staff],
    requestToJoin: [],
    review: staff
  }
};

function refusal(fn: () => void): string {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    // Every refusal explains itself to the person (problem+json `detail`).
    const { status, code, detail } = err as { status: number; code: string; detail: string };
    return detail.trim() ? `${status} ${code}` : `${status} ${code} without a detail`;
  }
}

describe('organisation policy', () => {
  for (const [status, actions] of Object.entries(rules) as Array<[OrganisationStatus, Record<OrganisationAction, Person[]>]>) {
    it(`a ${status} organisation: who may view, edit, manage staff, ask to join and review`, () => {
      const org = { status, applicantId: APPLICANT_ID };
      for (const [action, allowed] of Object.entries(actions) as Array<[OrganisationAction, Person[]]>) {
        for (const who of everyone) {
          const { actor, membership } = people[who];
          expect(canOrganisation(actor, action, org, membership), `${who} ${action}`).toBe(allowed.includes(who));
        }
      }
    });

    it(`a ${status} organisation: refusals are 401 for visitors, 404 for who may not see it, 403 for the rest`, () => {
      const org = { status, applicantId: APPLICANT_ID };
      for (const [action, allowed] of Object.entries(actions) as Array<[OrganisationAction, Person[]]>) {
        for (const who of everyone) {
          const { actor, membership } = people[who];
          const expected = allowed.includes(who)
            ? 'allowed'
            : who === 'visitor' && action !== 'view'
              ? '401 unauthenticated'
              : !actions.view.includes(who)
                ? '404 not_found'
                : '403 forbidden';
          expect(refusal(() => authorizeOrganisation(actor, action, org, membership)), `${who} ${action}`).toBe(expected);
        }
      }
    });
  }

  it('answers 404 for an organisation that does not exist, and 401 first to visitors who want to act', () => {
    for (const who of signedIn) {
      const { actor, membership } = people[who];
      expect(refusal(() => authorizeOrganisation(actor, 'view', undefined, membership)), who).toBe('404 not_found');
      expect(refusal(() => authorizeOrganisation(actor, 'edit', undefined, membership)), who).toBe('404 not_found');
    }
    expect(refusal(() => authorizeOrganisation(null, 'view', undefined, null))).toBe('404 not_found');
    expect(refusal(() => authorizeOrganisation(null, 'requestToJoin', undefined, null))).toBe('401 unauthenticated');
  });

  it('treats an organisation whose applicant is gone (no applicant id) as nobody’s application', () => {
    const orphan = { status: 'pending' as const, applicantId: null };
    expect(canOrganisation(people.stranger.actor, 'view', orphan, null)).toBe(false);
    expect(canOrganisation(people.stranger.actor, 'edit', orphan, null)).toBe(false);
    expect(canOrganisation(null, 'view', orphan, null)).toBe(false);
  });
});
