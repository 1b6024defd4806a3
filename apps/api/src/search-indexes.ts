import type { Hub } from './hub';
import { registerOrganisationsIndex } from './modules/organisations/organisations.search';

/**
 * Every domain's search index, registered before the outbox worker starts, so
 * the server, the seed and `pnpm hub reindex` all know the same indexes.
 * Domains add one line here.
 */
export function registerSearchIndexes(hub: Pick<Hub, 'search'>): void {
  registerOrganisationsIndex(hub);
}
