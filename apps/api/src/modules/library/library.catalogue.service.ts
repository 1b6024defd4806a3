// Reading the library: a resource's page, its files and cover, one's own contributions,
// the search (Meilisearch), and who may follow a resource's live topic.
import { filterAll, filterIn, meilisearchErrorCode } from '@mutirao/search';
import {
  LIBRARY_PAGE_SIZE,
  libraryFacets,
  type LibraryFacet,
  type LibraryQueryInput,
  type LibraryResult,
  type LibrarySort,
  type ResourceView,
  type TextPiece
} from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import { AppError, notFound } from '../../http/errors';
import { viewOf, type LibraryHub } from './library.changes';
import { fileKinds } from './library.files';
import { authorizeResource, canResource } from './library.policy';
import * as repo from './library.repo';
import { cards } from './library.review.service';
import { RESOURCES_INDEX, type ResourceDocument } from './library.search';

/** The resource's page, as the actor may see it; a reader's visit to a published one is counted. */
export async function getResource(hub: LibraryHub, actor: Actor | null, slug: string): Promise<ResourceView> {
  const row = await repo.findResourceBySlug(hub.db, slug);
  authorizeResource(actor, 'view', row);
  if (row.status === 'published') {
    await repo.countView(hub.db, row.id);
    row.viewCount += 1;
  }
  return viewOf(hub.db, actor, row);
}

/** A file's bytes and how to send them; a download of a published resource is counted. */
export async function downloadFile(hub: LibraryHub, actor: Actor | null, slug: string, fileId: string) {
  const row = await repo.findResourceBySlug(hub.db, slug);
  authorizeResource(actor, 'view', row);
  const file = await repo.findFile(hub.db, row.id, fileId);
  const bytes = file && (await hub.files.get(file.storageKey));
  if (!file || !bytes) throw notFound('No such file.');
  if (row.status === 'published') await repo.countDownload(hub.db, row.id);
  return { bytes, filename: file.filename, kind: file.kind, mediaType: fileKinds[file.kind].mediaType, public: row.status === 'published' };
}

export async function getCover(hub: LibraryHub, actor: Actor | null, slug: string) {
  const row = await repo.findResourceBySlug(hub.db, slug);
  authorizeResource(actor, 'view', row);
  const bytes = row.coverKey ? await hub.files.get(row.coverKey) : undefined;
  if (!bytes) throw notFound('This resource has no cover.');
  return { bytes, public: row.status === 'published' };
}

export async function mySubmissions(hub: LibraryHub, actor: Actor | null, page: number) {
  requireActor(actor);
  const pageSize = 20;
  const { items, total } = await repo.listBySubmitter(hub.db, actor.id, page, pageSize);
  return { items: await cards(hub, items, true), total, page, pageSize };
}

/** Recent additions, for the home page. */
export async function newestResources(hub: LibraryHub, limit: number) {
  const { items } = await repo.newestPublished(hub.db, limit);
  return { items: await cards(hub, items, false) };
}

/** A member organisation's published resources, for its profile. */
export async function organisationResources(hub: LibraryHub, slug: string, page: number) {
  const pageSize = 20;
  const { items, total } = await repo.publishedOfOrganisation(hub.db, slug, page, pageSize);
  return { items: await cards(hub, items, false), total, page, pageSize };
}

/**
 * What the library holds about a thread or an event, for their pages. Only published
 * resources count, so the thread's readers learn nothing of drafts; the id is not
 * checked against the thread or event, whose own page decides whether to show them.
 */
export async function relatedResources(hub: LibraryHub, kind: 'thread' | 'event', id: string) {
  return { items: await cards(hub, await repo.publishedRelatedTo(hub.db, kind, id, 20), false) };
}

/** Who may follow `resource:<id>`: whoever may see the resource. */
export async function canFollow(hub: Pick<LibraryHub, 'db'>, actor: Actor | null, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return false;
  const row = await repo.findResourceById(hub.db, id);
  return !!row && canResource(actor, 'view', row);
}

// ------------------------------------------------------------------ search

const facetAttribute: Record<LibraryFacet, string> = {
  type: 'type',
  theme: 'themes',
  country: 'countries',
  language: 'languages',
  year: 'year',
  publisher: 'publisher'
};

/** Meilisearch marks matches with these; control characters cannot appear in indexed text, so they cannot be forged. */
const PRE = '\u0002';
const POST = '\u0003';

/** "a␂b␃c" → [a, b (match), c]: pieces of plain text, never HTML, so the page escapes them as any text. */
export function piecesOf(marked: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  for (const [i, part] of marked.split(PRE).entries()) {
    if (i === 0) {
      if (part) pieces.push({ text: part, match: false });
      continue;
    }
    const [hit, rest] = part.split(POST, 2) as [string, string | undefined];
    if (hit) pieces.push({ text: hit, match: true });
    if (rest) pieces.push({ text: rest, match: false });
  }
  return pieces;
}

const sortOf: Record<Exclude<LibrarySort, 'relevance'>, string[]> = {
  newest: ['date:desc'],
  oldest: ['date:asc'],
  title: ['titleSort:asc']
};

/**
 * The Meilisearch queries behind one library search: the page of hits (with the
 * facets no filter is set on) and, for each facet with a filter set, a query
 * without that filter for its counts, so facet counts are disjunctive.
 *
 * Shaped for latency at 100,000 resources (ARCHITECTURE.md, "Library search
 * latency"): limit/offset, so Meilisearch estimates the total instead of counting
 * every match exhaustively, one hit more than the page to know whether a next
 * page exists; `limit: 0` on the facet queries; no match positions (the snippet's
 * source is read from the highlight markers instead); only the attributes a card
 * shows are retrieved, never the extracted text; and the snippet is cropped from
 * the text's first 3,000 characters.
 */
export function libraryQueries(indexUid: string, query: LibraryQueryInput) {
  const q = query.q?.trim() ?? '';
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIBRARY_PAGE_SIZE;
  const sort: LibrarySort = query.sort === 'relevance' && !q ? 'newest' : (query.sort ?? (q ? 'relevance' : 'newest'));
  const selected: Record<LibraryFacet, readonly (string | number)[]> = {
    type: query.type ?? [],
    theme: query.theme ?? [],
    country: query.country ?? [],
    language: query.language ?? [],
    year: query.year ?? [],
    publisher: query.publisher ?? []
  };
  const clause = (facet: LibraryFacet) => (selected[facet].length > 0 ? filterIn(facetAttribute[facet], selected[facet]) : undefined);
  const filterWithout = (skip?: LibraryFacet) => filterAll(libraryFacets.filter((f) => f !== skip).map(clause));
  const active = libraryFacets.filter((f) => selected[f].length > 0);
  const queries = [
    {
      indexUid,
      q,
      filter: filterWithout(),
      facets: libraryFacets.filter((f) => !active.includes(f)).map((f) => facetAttribute[f]),
      sort: sort === 'relevance' ? undefined : sortOf[sort],
      offset: (page - 1) * pageSize,
      limit: pageSize + 1,
      attributesToRetrieve: ['id', 'slug', 'title', 'summary', 'type', 'year', 'authors', 'publisher', 'countries', 'regional', 'languages', 'coverUrl'],
      // The snippet from the files is cut from the text's beginning (textStart), not the whole
      // text: Meilisearch reads every character of a highlighted attribute for each hit.
      attributesToHighlight: ['title', 'summary', 'textStart'],
      attributesToCrop: ['summary', 'textStart'],
      cropLength: 24,
      cropMarker: '…',
      highlightPreTag: PRE,
      highlightPostTag: POST
    },
    ...active.map((facet) => ({ indexUid, q, filter: filterWithout(facet), facets: [facetAttribute[facet]], limit: 0 }))
  ];
  return { queries, q, page, pageSize, sort };
}

/**
 * The library's search. Facet counts are disjunctive: each facet's counts apply every
 * other filter but its own, all in one multi-search request. Filter values reach
 * Meilisearch only through filterIn, which quotes and escapes each one.
 */
export async function searchLibrary(hub: LibraryHub, query: LibraryQueryInput): Promise<LibraryResult> {
  const { queries, q, page, pageSize, sort } = libraryQueries(hub.search.indexName(RESOURCES_INDEX), query);
  let results;
  try {
    ({ results } = await hub.search.client.multiSearch<{ queries: typeof queries }, ResourceDocument>({ queries }));
  } catch (err) {
    if (meilisearchErrorCode(err) === 'index_not_found') return emptyResult(page, pageSize, sort);
    hub.log?.error({ err }, 'library search failed');
    throw new AppError(503, 'search_unavailable', 'The library search is not available right now. Try again in a moment.');
  }
  const [main, ...facetResults] = results;
  const distribution: Record<string, Record<string, number>> = { ...main!.facetDistribution };
  for (const result of facetResults) Object.assign(distribution, result.facetDistribution);
  const offset = (page - 1) * pageSize;
  const hits = main!.hits.slice(0, pageSize);
  const hasNext = main!.hits.length > pageSize;
  // Meilisearch's estimate, never below what the pages seen so far prove. It is exact
  // without words to rank (every filtered document is a candidate), and the count is
  // known when this page is the last; otherwise the page says "about".
  const estimated = main!.estimatedTotalHits ?? 0;
  const total = hasNext ? Math.max(estimated, offset + pageSize + 1) : hits.length > 0 || offset === 0 ? offset + hits.length : estimated;
  const totalIsEstimate = !!q && (hasNext || hits.length === 0) && total > offset + hits.length;
  return {
    items: hits.map((hit) => {
      const formatted = (hit._formatted ?? {}) as Partial<Record<string, string>>;
      // The document's own words when the query matched inside the files' first pages and
      // not the summary; a match deeper in the text finds the resource, and the card shows its summary.
      const fromText = !!q && !formatted.summary?.includes(PRE) && !!formatted.textStart?.includes(PRE);
      return {
        id: hit.id,
        slug: hit.slug,
        title: piecesOf(formatted.title ?? hit.title),
        snippet: piecesOf((fromText ? formatted.textStart : formatted.summary) ?? ''),
        snippetFrom: fromText ? ('text' as const) : ('summary' as const),
        type: hit.type as LibraryResult['items'][number]['type'],
        year: hit.year,
        authors: hit.authors,
        publisherName: hit.publisher,
        countries: hit.countries,
        regional: hit.regional,
        languages: hit.languages,
        coverUrl: hit.coverUrl
      };
    }),
    total,
    totalIsEstimate,
    hasNext,
    page,
    pageSize,
    totalPages: Math.max(page, Math.ceil(total / pageSize)),
    sort,
    facets: {
      type: distribution.type ?? {},
      theme: distribution.themes ?? {},
      country: distribution.countries ?? {},
      language: distribution.languages ?? {},
      year: distribution.year ?? {},
      publisher: distribution.publisher ?? {}
    },
    processingTimeMs: results.reduce((sum, r) => sum + r.processingTimeMs, 0)
  };
}

function emptyResult(page: number, pageSize: number, sort: LibrarySort): LibraryResult {
  return {
    items: [],
    total: 0,
    totalIsEstimate: false,
    hasNext: false,
    page,
    pageSize,
    totalPages: 0,
    sort,
    facets: { type: {}, theme: {}, country: {}, language: {}, year: {}, publisher: {} },
    processingTimeMs: 0
  };
}
