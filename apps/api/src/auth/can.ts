import type { Role } from '@mutirao/shared';
import { forbidden, unauthorized } from '../http/errors';

/** The signed-in person as services see them. */
export interface Actor {
  id: string;
  role: Role;
  emailVerified: boolean;
}

export type GlobalAction = 'users.list' | 'users.setRole' | 'hub.moderate' | 'jobs.manage';

const globalRules: Record<GlobalAction, (actor: Actor) => boolean> = {
  'users.list': (a) => a.role === 'admin',
  'users.setRole': (a) => a.role === 'admin',
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
