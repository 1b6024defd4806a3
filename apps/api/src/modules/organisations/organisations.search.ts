import { defineIndex } from '@mutirao/search';
import { locales, type Locale } from '@mutirao/shared';
import { organisationTypeLabels, themeLabels } from '@mutirao/shared/taxonomy-labels';
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
 * The labels people read on the cards, in every language: "clima", "despejos", "rental"
 * find organisations by theme, "ONG" or "universidades" by type. The codes alone
 * (climate_resilience) matched nothing anyone would type.
 */
function labelsOf(labels: Partial<Record<string, Record<Locale, string>>>, codes: readonly string[]): string[] {
  const names = new Set<string>();
  // A code without labels (a row older than a taxonomy change) is indexed as itself.
  for (const code of codes) for (const locale of locales) names.add(labels[code]?.[locale] ?? code);
  return [...names];
}
export const themeNames = (codes: readonly string[]) => labelsOf(themeLabels, codes);
export const typeNames = (type: string) => labelsOf(organisationTypeLabels, [type]);

/**
 * The directory's index. Only approved organisations are documents: the loader
 * returns nothing for the others, so a change to pending, rejected or suspended
 * removes the document and the status never needs filtering (or trusting) at query time.
 */
export const organisationsIndex = defineIndex<OrganisationDocument>({
  name: ORGANISATIONS_INDEX,
  primaryKey: 'id',
  settings: {
    // Order is rank: a match in the name beats one in a label, which beats the description.
    searchableAttributes: ['name', 'hqCity', 'countryNames', 'typeNames', 'themeNames', 'description'],
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
    return rows.map((row) =>
      toDocument(row, {
        nameSort: organisationNameKey(row.name),
        countryNames: countryNames(row.countries),
        themeNames: themeNames(row.themes),
        typeNames: typeNames(row.type)
      })
    );
  },
  listIds: (db, { after, limit }) => repo.approvedIdsAfter(db, after, limit)
});
