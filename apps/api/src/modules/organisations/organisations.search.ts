import { defineIndex } from '@mutirao/search';
import { locales } from '@mutirao/shared';
import { toDocument, type OrganisationDocument } from './organisations.mapper';
import { organisationNameKey } from './organisations.names';
import * as repo from './organisations.repo';

export const ORGANISATIONS_INDEX = 'organisations';

const countryNamers = locales.map((l) => new Intl.DisplayNames([l], { type: 'region' }));
/** "BR" → ["Brasil", "Brazil"]: so a search for a country's name, in any of the hub's languages, finds who works there. */
function countryNames(codes: string[]): string[] {
  const names = new Set<string>();
  for (const code of codes) for (const namer of countryNamers) names.add(namer.of(code) ?? code);
  return [...names];
}


/**
 * The directory's index. Only approved organisations are documents: the loader
 * returns nothing for the others, so a change to pending, rejected or suspended
 * removes the document and the status never needs filtering (or trusting) at query time.
 */
export const organisationsIndex = defineIndex<OrganisationDocument>({
  name: ORGANISATIONS_INDEX,
  primaryKey: 'id',
  settings: {
    searchableAttributes: ['name', 'hqCity', 'countryNames', 'description'],
    filterableAttributes: ['countries', 'type', 'themes'],
    sortableAttributes: ['nameSort', 'approvedAt'],
    // Every country can appear as a facet value (Meilisearch's default stops at 100).
    faceting: { maxValuesPerFacet: 300 },
    // Exact totals for page numbers up to this many matches.
    pagination: { maxTotalHits: 10_000 },
    typoTolerance: { enabled: true }
  },
  async load(db, ids) {
    const rows = await repo.approvedByIds(db, ids);
    return rows.map((row) => toDocument(row, { nameSort: organisationNameKey(row.name), countryNames: countryNames(row.countries) }));
  },
  listIds: (db, { after, limit }) => repo.approvedIdsAfter(db, after, limit)
});
