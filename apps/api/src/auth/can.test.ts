import { describe, expect, it } from 'vitest';
import type { Role } from '@mutirao/shared';
import { authorize, can, isStaff, mayModerateAccount, requireActor, type Actor, type GlobalAction } from './can';

const person = (role: Role): Actor => ({ id: `${role}-id`, role, emailVerified: true });

/** Who may do each hub-wide thing: the rules people meet on the users and moderation pages. */
const allowed: Record<GlobalAction, Role[]> = {
  'users.list': ['coordinator', 'admin'],
  'users.setRole': ['admin'],
  'users.suspend': ['coordinator', 'admin'],
  'hub.moderate': ['coordinator', 'admin'],
  'jobs.manage': ['admin']
};
const everyRole: Role[] = ['member', 'coordinator', 'admin'];

/** The status and code a refusal carries, or 'allowed'. */
function outcome(fn: () => void): string {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    // Every refusal explains itself to the person (problem+json `detail`).
    const { status, code, detail } = err as { status: number; code: string; detail: string };
    return detail.trim() ? `${status} ${code}` : `${status} ${code} without a detail`;
  }
}

describe('hub-wide authorization', () => {
  for (const [action, roles] of Object.entries(allowed) as Array<[GlobalAction, Role[]]>) {
    it(`${action}: only ${roles.join(' and ')} may; others get 403, visitors 401`, () => {
      for (const role of everyRole) {
        const expected = roles.includes(role);
        expect(can(person(role), action), role).toBe(expected);
        expect(outcome(() => authorize(person(role), action)), role).toBe(expected ? 'allowed' : '403 forbidden');
      }
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
      expect(outcome(() => authorize(null, action))).toBe('401 unauthenticated');
      expect(outcome(() => authorize(undefined, action))).toBe('401 unauthenticated');
    });
  }

  it('asks visitors to sign in and lets anyone signed in through requireActor', () => {
    expect(outcome(() => requireActor(null))).toBe('401 unauthenticated');
    expect(outcome(() => requireActor(undefined))).toBe('401 unauthenticated');
    for (const role of everyRole) expect(outcome(() => requireActor(person(role))), role).toBe('allowed');
  });

  it('counts coordinators and admins as hub staff, and nobody else', () => {
    expect(isStaff(person('coordinator'))).toBe(true);
    expect(isStaff(person('admin'))).toBe(true);
    expect(isStaff(person('member'))).toBe(false);
    expect(isStaff(null)).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });
});

describe('who may suspend whom', () => {
  it('only a lower role: coordinators act on members, admins on members and coordinators, nobody on an admin', () => {
    const table = everyRole.map((actor) => everyRole.filter((target) => mayModerateAccount(person(actor), target)));
    expect(table).toEqual([[], ['member'], ['member', 'coordinator']]);
  });
});
