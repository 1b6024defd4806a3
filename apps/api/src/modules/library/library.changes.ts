import type { Tx } from '@mutirao/db';
import type { ResourceStatus, ResourceView } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import { toResource } from './library.mapper';
import { canResource } from './library.policy';
import * as repo from './library.repo';
import { RESOURCES_INDEX } from './library.search';

/**
 * What the library services need. Jobs and logging are optional so the demo seed,
 * which extracts its files itself, can use the same rules.
 */
export type LibraryHub = Pick<Hub, 'db' | 'config' | 'search' | 'live' | 'files'> & Partial<Pick<Hub, 'jobs' | 'log'>>;

/** A well-formed id that no resource has: what an unknown slug resolves to. */
export const NO_RESOURCE = '00000000-0000-0000-0000-000000000000';

/**
 * The id behind a slug in a path. An unknown slug resolves to an id no resource has,
 * so the service's own check answers it exactly as it answers a resource the person
 * may not see (401 for visitors on changes, 404 otherwise).
 */
export async function idForSlug(hub: LibraryHub, slug: string): Promise<string> {
  return (await repo.findResourceBySlug(hub.db, slug))?.id ?? NO_RESOURCE;
}

/**
 * After a change, in its transaction: the search outbox row when the index may need
 * the news (the resource is published now, or was before the change: the loader then
 * removes it), and `resource.updated` on `resource:<id>` for open pages.
 */
export async function afterChange(hub: LibraryHub, tx: Tx, resource: { id: string; status: ResourceStatus }, before?: ResourceStatus) {
  if (resource.status === 'published' || before === 'published') {
    await hub.search.enqueue(tx, RESOURCES_INDEX, resource.id, 'upsert');
  }
  await hub.live.publish(tx, { topic: `resource:${resource.id}`, type: 'resource.updated', id: resource.id });
}

/** The whole resource as the actor may see it, with what they may do. */
export async function viewOf(tx: Tx, actor: Actor | null, row: repo.ResourceRow): Promise<ResourceView> {
  const [files, organisations, names] = await Promise.all([
    repo.filesOf(tx, [row.id]),
    repo.organisationsByIds(tx, row.publisherOrganisationId ? [row.publisherOrganisationId] : []),
    repo.userNames(tx, row.submitterId ? [row.submitterId] : [])
  ]);
  const organisation = organisations.find((o) => o.status === 'approved');
  const isSubmitter = !!actor && actor.id === row.submitterId;
  return {
    resource: toResource(row, {
      files,
      publisher: organisation ? { slug: organisation.slug, name: organisation.name } : null,
      submitterName: row.submitterId ? (names.get(row.submitterId) ?? null) : null,
      withNote: isSubmitter || isStaff(actor)
    }),
    viewer: {
      canEdit: canResource(actor, 'edit', row),
      canSubmit: canResource(actor, 'submit', row) && (row.status === 'draft' || row.status === 'changes_requested'),
      canReview: canResource(actor, 'review', row),
      canDelete: canResource(actor, 'delete', row)
    }
  };
}
