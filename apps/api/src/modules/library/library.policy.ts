import type { ResourceStatus } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import { forbidden, notFound, unauthorized } from '../../http/errors';

export type ResourceAction =
  /** Read the resource, its files, cover and citation. Public once published. */
  | 'view'
  /** Change its fields and files. */
  | 'edit'
  /** Send it to review. */
  | 'submit'
  /** Publish, request changes, reject. */
  | 'review'
  /** Delete it and its files. */
  | 'delete';

export interface ResourceFacts {
  status: ResourceStatus;
  submitterId: string | null;
}

/** The submitter may edit while the resource is theirs to fix, and once it is published (a new version). */
const editableBySubmitter: ReadonlySet<ResourceStatus> = new Set(['draft', 'changes_requested', 'published']);

/**
 * Who may do what to a resource. Coordinators (and hub admins) may do everything;
 * the submitter looks after their own contribution; everyone else only reads what is published.
 */
export function canResource(actor: Actor | null | undefined, action: ResourceAction, resource: ResourceFacts): boolean {
  const staff = isStaff(actor);
  const isSubmitter = !!actor && resource.submitterId === actor.id;
  switch (action) {
    case 'view':
      return resource.status === 'published' || staff || isSubmitter;
    case 'edit':
      return staff ? resource.status !== 'rejected' : isSubmitter && editableBySubmitter.has(resource.status);
    case 'submit':
      // Whether the status allows it is the service's question (409), not a matter of rights.
      return staff || isSubmitter;
    case 'review':
      return staff;
    case 'delete':
      return staff || (isSubmitter && resource.status !== 'published');
  }
}

/**
 * Throws what a refused person gets: 401 for visitors (except for reading), 404
 * when they may not know the resource exists (not published, not theirs), 403 when
 * they may see it but not do this.
 */
export function authorizeResource<T extends ResourceFacts>(
  actor: Actor | null | undefined,
  action: ResourceAction,
  resource: T | undefined
): asserts resource is T {
  if (action !== 'view' && !actor) throw unauthorized();
  if (!resource || !canResource(actor, 'view', resource)) throw notFound('No such resource.');
  if (!canResource(actor, action, resource)) throw forbidden();
}
