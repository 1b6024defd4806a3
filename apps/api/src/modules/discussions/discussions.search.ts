import { defineIndex, filterAll, filterEquals, meilisearchErrorCode } from '@mutirao/search';
import type { ThreadSearchQueryInput, ThreadSearchResult } from '@mutirao/shared';
import { locales } from '@mutirao/shared';
import { themeLabels } from '@mutirao/shared/taxonomy-labels';
import { AppError } from '../../http/errors';
import { excerpt } from '../../infra/markdown';
import { THREADS_INDEX, type DiscussionsHub } from './discussions.changes';
import * as repo from './discussions.repo';

export interface ThreadDocument {
  [key: string]: unknown;
  id: string;
  slug: string;
  kind: string;
  title: string;
  body: string;
  excerpt: string;
  tags: string[];
  theme: string;
  themeNames: string[];
  countries: string[];
  language: string;
  solved: boolean;
  replyCount: number;
  lastActivityAt: string;
  lastActivityTs: number;
}

/**
 * The `threads` index. A thread whose opening post is hidden has no document, and
 * hidden or deleted replies never add their words, so nothing a coordinator hid can
 * be found by searching.
 */
export const threadsIndex = defineIndex<ThreadDocument>({
  name: THREADS_INDEX,
  primaryKey: 'id',
  settings: {
    searchableAttributes: ['title', 'tags', 'themeNames', 'body'],
    filterableAttributes: ['kind', 'theme', 'countries', 'language', 'solved'],
    sortableAttributes: ['lastActivityTs'],
    faceting: { maxValuesPerFacet: 300 },
    pagination: { maxTotalHits: 5_000 },
    typoTolerance: { enabled: true }
  },
  async load(db, ids) {
    const rows = await repo.threadsForIndex(db, ids);
    return rows
      .filter((r) => !r.openingHidden)
      .map(({ thread: t, openingText, repliesText }) => ({
        id: t.id,
        slug: t.slug,
        kind: t.kind,
        title: t.title,
        body: `${openingText ?? ''} ${repliesText}`.trim(),
        excerpt: excerpt(openingText ?? '', 200),
        tags: t.tags,
        theme: t.theme,
        themeNames: themeNames(t.theme),
        countries: t.countries,
        language: t.language,
        solved: t.acceptedPostId !== null,
        replyCount: t.replyCount,
        lastActivityAt: t.lastActivityAt.toISOString(),
        lastActivityTs: t.lastActivityAt.getTime()
      }));
  },
  listIds: (db, { after, limit }) => repo.threadIdsAfter(db, after, limit)
});

const PAGE_SIZE = 20;

/** The theme's label in es, pt and en, so "despejos" or "climate" find its threads. */
const themeNames = (theme: string) => locales.map((l) => themeLabels[theme as keyof typeof themeLabels]?.[l] ?? theme);
const facetNames = ['theme', 'language', 'kind', 'solved', 'countries'] as const;

/** Full-text search over threads, with facet counts; every filter value goes through filterEquals. */
export async function searchThreads(hub: DiscussionsHub, query: ThreadSearchQueryInput): Promise<ThreadSearchResult> {
  const page = query.page ?? 1;
  const q = query.q?.trim() ?? '';
  const filter = filterAll([
    query.kind ? filterEquals('kind', query.kind) : undefined,
    query.theme ? filterEquals('theme', query.theme) : undefined,
    query.country ? filterEquals('countries', query.country) : undefined,
    query.language ? filterEquals('language', query.language) : undefined,
    query.solved !== undefined ? filterEquals('solved', query.solved) : undefined
  ]);
  const empty = { theme: {}, language: {}, kind: {}, solved: {}, countries: {} };
  try {
    const result = await hub.search.client.index<ThreadDocument>(hub.search.indexName(THREADS_INDEX)).search(q, {
      filter,
      facets: [...facetNames],
      page,
      hitsPerPage: PAGE_SIZE,
      sort: q ? undefined : ['lastActivityTs:desc'],
      attributesToRetrieve: ['id', 'slug', 'kind', 'title', 'excerpt', 'theme', 'language', 'solved', 'replyCount', 'lastActivityAt']
    });
    const d = result.facetDistribution ?? {};
    return {
      items: result.hits.map((h) => ({
        id: h.id,
        slug: h.slug,
        kind: h.kind as ThreadSearchResult['items'][number]['kind'],
        title: h.title,
        excerpt: h.excerpt,
        theme: h.theme as ThreadSearchResult['items'][number]['theme'],
        language: h.language as ThreadSearchResult['items'][number]['language'],
        solved: h.solved,
        replyCount: h.replyCount,
        lastActivityAt: h.lastActivityAt
      })),
      total: result.totalHits ?? 0,
      page,
      pageSize: PAGE_SIZE,
      facets: { ...empty, ...Object.fromEntries(facetNames.map((f) => [f, d[f] ?? {}])) }
    };
  } catch (err) {
    if (meilisearchErrorCode(err) === 'index_not_found') return { items: [], total: 0, page, pageSize: PAGE_SIZE, facets: empty };
    hub.log?.error({ err }, 'thread search failed');
    throw new AppError(503, 'search_unavailable', 'Search is not available right now. Try again in a moment.');
  }
}
