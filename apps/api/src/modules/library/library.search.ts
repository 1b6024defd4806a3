import { defineIndex } from '@mutirao/search';
import { locales, type Locale } from '@mutirao/shared';
import { themeLabels } from '@mutirao/shared/taxonomy-labels';
import { coverUrl, publisherNameOf } from './library.mapper';
import * as repo from './library.repo';
import type { ResourceRow } from './library.repo';
import { synonymMap } from './library.synonyms';

export const RESOURCES_INDEX = 'resources';

/**
 * How much of the files' text a document carries. Meilisearch indexes the first
 * 65,535 words of an attribute anyway; 200,000 characters is a long report.
 */
const MAX_TEXT = 200_000;

/**
 * How much of the text the snippet is cut from. Meilisearch tokenizes the whole of an
 * attribute it highlights or crops, for every hit on the page: on 20 KB of text per
 * resource that was about 200 ms of a search, on 3,000 characters a tenth of it
 * (ARCHITECTURE.md, "Library search latency"). The whole text stays searchable.
 */
export const SNIPPET_SOURCE = 3_000;

/** The text's first `max` characters, ended at a word boundary. */
function textStart(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return space > max / 2 ? cut.slice(0, space) : cut;
}

export interface ResourceDocument extends Record<string, unknown> {
  id: string;
  slug: string;
  title: string;
  /** The title's comparable form, for sorting. */
  titleSort: string;
  summary: string;
  authors: string[];
  publisher: string | null;
  /** The words inside the current files (PDF, DOCX). */
  text: string;
  /** The text's beginning, not searchable: what the snippet is cropped from (see SNIPPET_SOURCE). */
  textStart: string;
  themeNames: string[];
  type: string;
  themes: string[];
  countries: string[];
  regional: boolean;
  languages: string[];
  year: number;
  /** Publication date (or the year's first day) in milliseconds, for sorting. */
  date: number;
  coverUrl: string | null;
}

const sortKey = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function themeNames(codes: readonly string[]): string[] {
  const names = new Set<string>();
  for (const code of codes) for (const locale of locales) names.add(themeLabels[code as keyof typeof themeLabels]?.[locale as Locale] ?? code);
  return [...names];
}

/** A published resource as the index holds it (exported for the benchmark, which builds documents without Postgres). */
export function documentOf(row: ResourceRow, publisher: { name: string } | null, text: string): ResourceDocument {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    titleSort: sortKey(row.title),
    summary: row.summaryText,
    authors: row.authors,
    publisher: publisherNameOf(row, publisher),
    text: text.slice(0, MAX_TEXT),
    textStart: textStart(text, SNIPPET_SOURCE),
    themeNames: themeNames(row.themes),
    type: row.type,
    themes: row.themes,
    countries: row.countries,
    regional: row.regional,
    languages: row.languages,
    year: row.year,
    date: Date.parse(row.publishedOn ?? `${row.year}-01-01`),
    coverUrl: coverUrl(row)
  };
}

/**
 * The library's index. Only published resources are documents: the loader returns
 * nothing for any other status, so a draft, a rejected or a withdrawn resource is
 * removed whenever it changes, and status is never a query-time filter.
 */
export const resourcesIndex = defineIndex<ResourceDocument>({
  name: RESOURCES_INDEX,
  primaryKey: 'id',
  settings: {
    // Order is rank: title, then summary, authors, publisher, then the words inside the files.
    searchableAttributes: ['title', 'summary', 'authors', 'publisher', 'text', 'themeNames'],
    filterableAttributes: ['type', 'themes', 'countries', 'languages', 'year', 'publisher', 'regional'],
    sortableAttributes: ['date', 'titleSort'],
    displayedAttributes: ['*'],
    synonyms: synonymMap(),
    faceting: { maxValuesPerFacet: 300 },
    pagination: { maxTotalHits: 10_000 },
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
    proximityPrecision: 'byAttribute',
    facetSearch: false
  },
  async load(db, ids) {
    const rows = await repo.publishedByIds(db, ids);
    const publisherIds = [...new Set(rows.map((r) => r.publisherOrganisationId).filter((id): id is string => !!id))];
    const [organisations, texts] = await Promise.all([repo.organisationsByIds(db, publisherIds), repo.extractedTextOf(db, rows.map((r) => r.id))]);
    const orgById = new Map(organisations.filter((o) => o.status === 'approved').map((o) => [o.id, o]));
    return rows.map((row) => documentOf(row, (row.publisherOrganisationId && orgById.get(row.publisherOrganisationId)) || null, texts.get(row.id) ?? ''));
  },
  listIds: (db, { after, limit }) => repo.publishedIdsAfter(db, after, limit)
});
