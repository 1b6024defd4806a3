import type { Role } from '@mutirao/shared';
import { forbidden, unauthorized } from '../http/errors';

/** The signed-in person as services see them. */
export interface Actor {
  id: string;
  role: Role;
  emailVerified: boolean;
}

export type GlobalAction = 'users.list' | 'users.setRole' | 'users.suspend' | 'hub.moderate' | 'jobs.manage';

const globalRules: Record<GlobalAction, (actor: Actor) => boolean> = {
  // Coordinators find people to suspend them; only admins change roles.
  'users.list': (a) => a.role === 'admin' || a.role === 'coordinator',
  'users.setRole': (a) => a.role === 'admin',
  // Who may be suspended depends on their role too: see mayModerateAccount.
  'users.suspend': (a) => a.role === 'admin' || a.role === 'coordinator',
  'hub.moderate': (a) => a.role === 'admin' || a.role === 'coordinator',
  // Failed jobs name addresses and internal errors: the hub's operators only.
  'jobs.manage': (a) => a.role === 'admin'
};

export function can(actor: Actor | null | undefined, action: GlobalAction): boolean {
  return !!actor && globalRules[action](actor);
}

/** Throws 401 for visitors and 403 for people without the right. */
export function authorize(actor: Actor | null | undefined, action: GlobalAction): asserts actor is Actor {
  if (!actor) throw unauthorized();
  if (!can(actor, action)) throw forbidden();
}

export function requireActor(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw unauthorized();
}

export const isStaff = (actor: Actor | null | undefined) =>
  !!actor && (actor.role === 'coordinator' || actor.role === 'admin');

const rank: Record<Role, number> = { member: 0, coordinator: 1, admin: 2 };

/**
 * Whether the actor may suspend or reinstate an account of this role: only one of a lower
 * role. Coordinators act on members, admins on members and coordinators, and an admin is
 * never suspended (another admin withdraws the role first, which is its own audited step),
 * so the hub cannot be left with its admins locked out.
 */
export function mayModerateAccount(actor: Actor, targetRole: Role): boolean {
  return can(actor, 'users.suspend') && rank[targetRole] < rank[actor.role];
}
