import type { Tx } from '@mutirao/db';
import { requireActor, type Actor } from '../../auth/can';
import { authorizeOrganisation, type Membership, type OrganisationAction } from './organisations.policy';
import * as repo from './organisations.repo';

/** The actor's place in the organisation; none for visitors and for an organisation not found. */
export async function membershipOf(tx: Tx, actor: Actor | null | undefined, organisationId: string | undefined): Promise<Membership> {
  return actor && organisationId ? repo.findMembership(tx, organisationId, actor.id) : undefined;
}

/**
 * Loads the organisation and checks the actor may do this to it. A change locks the
 * row (`lock: true`) before anything is counted or checked, so two concurrent staff
 * changes see each other's result rather than the same starting point.
 */
export async function authorized(
  tx: Tx,
  actor: Actor | null | undefined,
  id: string,
  action: OrganisationAction,
  options: { lock: boolean }
) {
  if (action !== 'view') requireActor(actor);
  const org = options.lock ? await repo.lockOrganisation(tx, id) : await repo.findOrganisationById(tx, id);
  const membership = await membershipOf(tx, actor, org?.id);
  authorizeOrganisation(actor, action, org, membership);
  return { org: org!, membership };
}
