import { filterAll, filterEquals, filterIn, meilisearchErrorCode } from '@mutirao/search';
import { PEOPLE_PAGE_SIZE } from '@mutirao/shared/people';
import type { PeopleDirectory, PeopleQueryInput } from '@mutirao/shared/schemas/people';
import { isStaff, requireActor, type Actor } from '../../auth/can';
import { AppError } from '../../http/errors';
import { cardAttributes, cardFromDocument, type PersonDocument } from './people.mapper';
import type { PeopleHub } from './people.profile.service';
import * as repo from './people.repo';
import { PEOPLE_INDEX } from './people.search';

type Facet = 'country' | 'organisation' | 'theme' | 'language';
const facetNames: readonly Facet[] = ['country', 'organisation', 'theme', 'language'];
const facetAttribute: Record<Facet, string> = {
  country: 'countries',
  organisation: 'organisations',
  theme: 'themes',
  language: 'languages'
};

/**
 * Which documents the viewer may see, as a filter. Coordinators and admins see every
 * verified person; a member sees profiles open to everyone or to members, profiles
 * kept to an organisation they share, and their own. Every value goes through
 * filterEquals/filterIn, which quote and escape it.
 */
export function visibilityFilter(viewer: Actor, myOrganisations: readonly string[], now = Date.now()): string {
  // Suspended people are listed to nobody, staff included (they find them on /admin/users).
  // `NOT … >` rather than `<=`: a document indexed before the field existed has none, and
  // Meilisearch's NOT keeps it, where a comparison would drop it.
  const notSuspended = `NOT suspendedUntil > ${Math.floor(now)}`;
  if (isStaff(viewer)) return notSuspended;
  const open = filterIn('visibility', ['everyone', 'members']);
  const mine = filterEquals('id', viewer.id);
  if (myOrganisations.length === 0) return `(${notSuspended}) AND ((${open}) OR (${mine}))`;
  const shared = `${filterEquals('visibility', 'organisations')} AND ${filterIn('audienceOrganisations', myOrganisations)}`;
  return `(${notSuspended}) AND ((${open}) OR (${shared}) OR (${mine}))`;
}

/**
 * The people directory, for signed-in members. Facet counts are disjunctive, as in
 * the organisations directory: one multi-search carries the page and, per active
 * facet, a query without that facet's own filter.
 */
export async function searchPeople(hub: PeopleHub, viewer: Actor | null, query: PeopleQueryInput): Promise<PeopleDirectory> {
  requireActor(viewer);
  const q = query.q?.trim() ?? '';
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? PEOPLE_PAGE_SIZE;
  const selected: Record<Facet, readonly string[]> = {
    country: query.country ?? [],
    organisation: query.organisation ?? [],
    theme: query.theme ?? [],
    language: query.language ?? []
  };
  const visible = visibilityFilter(viewer, await repo.approvedOrganisationIdsOf(hub.db, viewer.id));
  const clause = (facet: Facet) => (selected[facet].length > 0 ? filterIn(facetAttribute[facet], selected[facet]) : undefined);
  const filterWithout = (skip?: Facet) => filterAll([visible, ...facetNames.filter((f) => f !== skip).map(clause)]);

  const indexUid = hub.search.indexName(PEOPLE_INDEX);
  const active = facetNames.filter((f) => selected[f].length > 0);
  const queries = [
    {
      indexUid,
      q,
      filter: filterWithout(),
      facets: facetNames.filter((f) => !active.includes(f)).map((f) => facetAttribute[f]),
      sort: q ? undefined : ['nameSort:asc'],
      page,
      hitsPerPage: pageSize,
      attributesToRetrieve: [...cardAttributes]
    },
    ...active.map((facet) => ({ indexUid, q, filter: filterWithout(facet), facets: [facetAttribute[facet]], page: 1, hitsPerPage: 0 }))
  ];
  let results;
  try {
    ({ results } = await hub.search.client.multiSearch<{ queries: typeof queries }, PersonDocument>({ queries }));
  } catch (err) {
    if (meilisearchErrorCode(err) === 'index_not_found') return empty(page, pageSize);
    hub.log?.error({ err }, 'people search failed');
    throw new AppError(503, 'search_unavailable', 'The people directory is not available right now. Try again in a moment.');
  }
  const [main, ...facetResults] = results;
  const distribution = { ...main.facetDistribution };
  for (const result of facetResults) Object.assign(distribution, result.facetDistribution);
  // Facet values are organisation ids; a suspended organisation drops out here, and its name is never shown.
  const organisations = await repo.approvedOrganisationsByIds(hub.db, [
    ...new Set([...Object.keys(distribution.organisations ?? {}), ...selected.organisation])
  ]);
  const known = new Set(organisations.map((o) => o.id));
  const organisationCounts = Object.fromEntries(Object.entries(distribution.organisations ?? {}).filter(([id]) => known.has(id)));
  return {
    items: main.hits.map((hit) => cardFromDocument(hit)),
    total: main.totalHits ?? 0,
    page,
    pageSize,
    totalPages: main.totalPages ?? 0,
    facets: {
      country: distribution.countries ?? {},
      organisation: organisationCounts,
      theme: distribution.themes ?? {},
      language: distribution.languages ?? {}
    },
    organisations,
    processingTimeMs: results.reduce((sum, r) => sum + r.processingTimeMs, 0)
  };
}

function empty(page: number, pageSize: number): PeopleDirectory {
  return {
    items: [],
    total: 0,
    page,
    pageSize,
    totalPages: 0,
    facets: { country: {}, organisation: {}, theme: {}, language: {} },
    organisations: [],
    processingTimeMs: 0
  };
}
