import type { EventStatus } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import { forbidden, notFound, unauthorized } from '../../http/errors';

export type EventAction =
  /** See the event. Public once published (and after cancellation). */
  | 'view'
  /** Change its details. */
  | 'edit'
  /** Ask a coordinator to publish a draft. */
  | 'submit'
  /** Publish or cancel. */
  | 'publish'
  /** Read the attendee list and answers, export it, check people in, mail them, read the figures. */
  | 'manageAttendees';

export interface EventFacts {
  status: EventStatus;
}

/** What the actor is to this event: an admin of a hosting organisation, or not. */
export interface EventRelation {
  hostAdmin: boolean;
}

const isPublic = (event: EventFacts) => event.status === 'published' || event.status === 'cancelled';

/**
 * Who may do what to an event. Coordinators (and hub admins) do everything. The
 * admins of a hosting organisation draft and submit it, edit it until it is
 * published, and look after its attendees; publishing is the coordinators'.
 */
export function canEvent(actor: Actor | null | undefined, action: EventAction, event: EventFacts, relation: EventRelation): boolean {
  const staff = isStaff(actor);
  const organiser = staff || relation.hostAdmin;
  switch (action) {
    case 'view':
      return isPublic(event) || organiser;
    case 'edit':
      return staff || (relation.hostAdmin && (event.status === 'draft' || event.status === 'submitted'));
    case 'submit':
      return organiser;
    case 'publish':
      return staff;
    case 'manageAttendees':
      return organiser;
  }
}

/** 401 for visitors, 404 for an event they may not know exists, 403 when they may see it but not do this. */
export function authorizeEvent<T extends EventFacts>(
  actor: Actor | null | undefined,
  action: EventAction,
  event: T | undefined,
  relation: EventRelation
): asserts event is T {
  if (action !== 'view' && !actor) throw unauthorized();
  if (!event || !canEvent(actor, 'view', event, relation)) throw notFound('No such event.');
  if (!canEvent(actor, action, event, relation)) throw forbidden();
}
