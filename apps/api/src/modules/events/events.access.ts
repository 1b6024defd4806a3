import type { Tx } from '@mutirao/db';
import { requireActor, type Actor } from '../../auth/can';
import { authorizeEvent, type EventAction, type EventRelation } from './events.policy';
import * as repo from './events.repo';

export async function relationTo(tx: Tx, actor: Actor | null | undefined, eventId: string | undefined): Promise<EventRelation> {
  return { hostAdmin: !!actor && !!eventId && (await repo.isHostAdmin(tx, eventId, actor.id)) };
}

/**
 * Loads the event and checks the actor may do this to it: 401, 404 or 403 as
 * the policy says. `lock` holds the event's row for the rest of the transaction.
 */
export async function authorized(tx: Tx, actor: Actor | null | undefined, id: string, action: EventAction, options: { lock: boolean }) {
  if (action !== 'view') requireActor(actor);
  const event = options.lock ? await repo.lockEvent(tx, id) : await repo.findEvent(tx, id);
  // Anyone may see a published event: the organiser question waits until an action needs it.
  const isPublic = event?.status === 'published' || event?.status === 'cancelled';
  const relation = action === 'view' && isPublic ? { hostAdmin: false } : await relationTo(tx, actor, event?.id);
  authorizeEvent(actor, action, event, relation);
  return { event: event!, relation };
}
