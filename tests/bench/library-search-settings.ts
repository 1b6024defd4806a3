/**
 * Where the library search's time goes, at 100,000 resources: the same documents
 * in several Meilisearch indexes that differ by one setting, and the same query
 * set sent in several shapes, interleaved query by query so every variant meets
 * the same machine load. Prints one table: Meilisearch's processingTimeMs (summed
 * over the multi-search's queries, as the API reports it) and the round trip from
 * Node, p50/p95, beside the baseline.
 *
 *   node --import tsx tests/bench/library-search-settings.ts [--resources 100000] [--queries 200] [--text-words 0] [--only 0,4] [--keep]
 *
 * MEILI_URL and MEILI_MASTER_KEY name a Meilisearch (else an embedded one is started).
 * Postgres is not used: documents are built by the index's own documentOf().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Meilisearch, keepAliveHttpClient, startEmbeddedMeilisearch, type IndexSettings as Settings } from '@mutirao/search';
import { libraryQueries } from '../../apps/api/src/modules/library/library.catalogue.service';
import type { ResourceRow } from '../../apps/api/src/modules/library/library.repo';
import { documentOf, resourcesIndex, type ResourceDocument } from '../../apps/api/src/modules/library/library.search';
import { benchQuery, generateResources, inputOf } from './library-search';

type Query = Record<string, unknown> & { indexUid: string };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const round = (n: number) => Math.round(n * 10) / 10;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)) };
};

const words = ['vivienda', 'habitação', 'housing', 'alquiler', 'aluguel', 'rental', 'asentamiento', 'favela', 'settlement', 'política', 'comunidad', 'financiamiento', 'suelo', 'terra', 'land', 'riesgo', 'risco', 'risk', 'barrio', 'bairro', 'neighbourhood', 'agua', 'saneamiento', 'water', 'desalojo', 'despejo', 'eviction', 'cooperativa', 'tenencia', 'tenure', 'municipio', 'município', 'census', 'datos', 'dados', 'encuesta', 'pesquisa', 'survey', 'mejoramiento', 'melhoria', 'upgrading'];

/** The query the API sent before this comparison: page numbers (exhaustive counts), match positions, every attribute highlighted. */
function baselineShape(queries: Query[]): Query[] {
  return queries.map((query, i) => {
    const { limit, offset, ...rest } = query as Query & { limit?: number; offset?: number };
    const pageSize = Number(limit ?? 20);
    if (i === 0) {
      return {
        ...rest,
        page: Math.floor(Number(offset ?? 0) / pageSize) + 1,
        hitsPerPage: pageSize,
        attributesToHighlight: ['title', 'summary', 'text'],
        attributesToCrop: ['summary', 'text'],
        cropLength: 24,
        showMatchesPosition: true
      };
    }
    return { ...rest, page: 1, hitsPerPage: 0 };
  });
}

interface QueryShape {
  name: string;
  shape: (queries: Query[]) => Query[];
}

const shapes: QueryShape[] = [
  { name: 'before: page/hitsPerPage, matches positions', shape: baselineShape },
  {
    name: 'limit/offset (estimated totals), else as before',
    shape: (queries) =>
      baselineShape(queries).map((q, i) => {
        const { page, hitsPerPage, ...rest } = q as Query & { page: number; hitsPerPage: number };
        return i === 0 ? { ...rest, limit: hitsPerPage, offset: (page - 1) * hitsPerPage } : { ...rest, limit: 0 };
      })
  },
  {
    name: 'page/hitsPerPage, no matches positions',
    shape: (queries) => baselineShape(queries).map((q, i) => (i === 0 ? { ...q, showMatchesPosition: false } : q))
  },
  {
    name: 'now, without facets (to see their cost)',
    shape: (queries) => [{ ...queries[0]!, facets: [] }]
  },
  {
    name: 'now, without highlight and crop (to see their cost)',
    shape: (queries) => queries.map((q, i) => (i === 0 ? { ...q, attributesToHighlight: [], attributesToCrop: [] } : q))
  },
  {
    name: 'now, matching strategy frequency',
    shape: (queries) => queries.map((q) => ({ ...q, matchingStrategy: 'frequency' }))
  },
  {
    name: 'now, one query: facet counts under every filter',
    shape: (queries) => [{ ...queries[0]!, facets: ['type', 'themes', 'countries', 'languages', 'year', 'publisher'] }]
  },
  ...['type', 'themes', 'countries', 'languages', 'year', 'publisher'].map((facet) => ({
    name: `now, main query with the ${facet} facet only`,
    shape: (queries: Query[]) => [{ ...queries[0]!, facets: [facet] }]
  })),
  { name: 'the API now (libraryQueries)', shape: (queries) => queries }
];

interface IndexVariant {
  name: string;
  settings: Settings;
}

export async function runLibrarySettingsBench(
  options: {
    resources?: number;
    queries?: number;
    textWords?: number;
    /** Only these index variants (by position), e.g. to explore query shapes on one index. */
    only?: number[];
    /** Keep the indexes, and reuse one that already holds every document. */
    keep?: boolean;
    log?: (line: string) => void;
  } = {}
) {
  const total = options.resources ?? 100_000;
  const queryCount = options.queries ?? 200;
  const textWords = options.textWords ?? 0;
  const log = options.log ?? console.log;
  const dir = await mkdtemp(join(tmpdir(), 'mutirao-bench-library-settings-'));
  const closers: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  try {
    let meili = process.env.MEILI_URL && process.env.MEILI_MASTER_KEY ? { url: process.env.MEILI_URL, masterKey: process.env.MEILI_MASTER_KEY } : undefined;
    if (!meili) {
      const embedded = await startEmbeddedMeilisearch({ dataDir: join(dir, 'meili'), keyFile: join(dir, 'meili-key'), log: { info: () => {}, warn: () => {}, error: console.error } });
      closers.push(() => embedded.stop());
      meili = { url: embedded.url, masterKey: embedded.masterKey };
    }
    const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey, httpClient: keepAliveHttpClient(meili.url) as never });

    const base = resourcesIndex.settings;
    const variants: IndexVariant[] = [
      { name: 'settings before', settings: { ...base, proximityPrecision: 'byWord', typoTolerance: { ...base.typoTolerance, disableOnNumbers: false }, facetSearch: true } },
      { name: 'proximityPrecision byAttribute', settings: { ...base, proximityPrecision: 'byAttribute', typoTolerance: { ...base.typoTolerance, disableOnNumbers: false }, facetSearch: true } },
      { name: 'typo off on numbers', settings: { ...base, proximityPrecision: 'byWord', typoTolerance: { ...base.typoTolerance, disableOnNumbers: true }, facetSearch: true } },
      { name: 'prefix search off (to see its cost)', settings: { ...base, proximityPrecision: 'byWord', typoTolerance: { ...base.typoTolerance, disableOnNumbers: false }, facetSearch: true, prefixSearch: 'disabled' } },
      { name: 'the index now (resourcesIndex)', settings: base }
    ];

    // --- the documents, as the hub's loader would build them
    const r = rng(20261130);
    const t = rng(7);
    const now = Date.now();
    const documents: ResourceDocument[] = [];
    for (let offset = 0; offset < total; offset += 1000) {
      for (const row of generateResources(r, offset, Math.min(total, offset + 1000), now)) {
        const full = { regional: false, publishedOn: null, coverKey: null, publisherOrganisationId: null, ...row } as unknown as ResourceRow;
        const text = Array.from({ length: textWords }, () => words[Math.floor(t() * words.length)]).join(' ');
        documents.push(documentOf(full, null, text));
      }
    }

    // --- one index per variant; batches enqueued at once so Meilisearch can group them
    const uids: string[] = [];
    const chosen = variants.map((_, v) => v).filter((v) => !options.only || options.only.includes(v));
    for (const v of chosen) {
      const variant = variants[v]!;
      const uid = `bench_library_settings_${v}`;
      uids.push(uid);
      const started = performance.now();
      if (options.keep) {
        const stats = await client.index(uid).getStats().catch(() => undefined);
        if (stats?.numberOfDocuments === total) {
          await client.index(uid).updateSettings(variant.settings).waitTask({ timeout: 1_800_000 });
          log(`index ${v} (${variant.name}): reused`);
          continue;
        }
      }
      await client.deleteIndex(uid).waitTask({ timeout: 60_000 });
      await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
      await client.index(uid).updateSettings(variant.settings).waitTask({ timeout: 60_000 });
      const tasks = [];
      for (let i = 0; i < documents.length; i += 5000) tasks.push(client.index(uid).addDocuments(documents.slice(i, i + 5000), { primaryKey: 'id' }));
      for (const task of tasks) {
        const done = await task.waitTask({ timeout: 1_800_000, interval: 500 });
        if (done.status !== 'succeeded') throw new Error(`${uid}: ${done.error?.message ?? done.status}`);
      }
      const seconds = (performance.now() - started) / 1000;
      log(`index ${v} (${variant.name}): ${total} documents in ${round(seconds)} s, ${Math.round(total / seconds)} documents/s`);
    }

    // --- the same queries against every (index, shape) pair, interleaved
    const pairs: Array<{ label: string; uid: string; shape: QueryShape }> = [];
    for (const [position, v] of chosen.entries()) {
      for (const shape of shapes) {
        // Query shapes are compared on the first index; index settings with the API's queries now.
        if (position === 0 || shape === shapes.at(-1)) pairs.push({ label: `${variants[v]!.name} × ${shape.name}`, uid: uids[position]!, shape });
      }
    }
    const processing = pairs.map(() => [] as number[]);
    const roundTrip = pairs.map(() => [] as number[]);
    const hits = pairs.map(() => 0);
    const q = rng(42);
    const warmup = 20;
    for (let i = 0; i < warmup + queryCount; i++) {
      const input = inputOf(benchQuery(q));
      for (const [p, pair] of pairs.entries()) {
        const queries = pair.shape.shape(libraryQueries(pair.uid, input).queries as Query[]);
        const t0 = performance.now();
        const { results } = (await client.multiSearch({ queries: queries as never })) as { results: Array<{ processingTimeMs: number; hits: unknown[] }> };
        const elapsed = performance.now() - t0;
        if (i < warmup) continue;
        processing[p]!.push(results.reduce((sum, result) => sum + result.processingTimeMs, 0));
        roundTrip[p]!.push(elapsed);
        if ((results[0]!.hits.length ?? 0) > 0) hits[p]!++;
      }
    }

    log('');
    log(`Library search settings, ${total} resources${textWords ? `, ${textWords} words of text each` : ''}, ${queryCount} queries (a typo and two filters)`);
    log('                                                                                     processingTimeMs   round trip');
    log('                                                                                       p50      p95     p50     p95   with hits');
    const rows = pairs.map((pair, p) => ({ label: pair.label, processing: summary(processing[p]!), roundTrip: summary(roundTrip[p]!), hits: hits[p]! }));
    for (const row of rows) {
      log(
        `  ${row.label.padEnd(82)} ${String(row.processing.p50).padStart(6)} ${String(row.processing.p95).padStart(8)} ${String(row.roundTrip.p50).padStart(7)} ${String(row.roundTrip.p95).padStart(7)}   ${row.hits}`
      );
    }
    if (!options.keep) for (const uid of uids) await client.deleteIndex(uid).waitTask({ timeout: 60_000 });
    return rows;
  } finally {
    for (const fn of closers.reverse()) await fn().catch(() => {});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { resources: { type: 'string' }, queries: { type: 'string' }, 'text-words': { type: 'string' }, only: { type: 'string' }, keep: { type: 'boolean', default: false } }
  });
  runLibrarySettingsBench({
    resources: values.resources ? Number(values.resources) : undefined,
    queries: values.queries ? Number(values.queries) : undefined,
    textWords: values['text-words'] ? Number(values['text-words']) : undefined,
    only: values.only ? values.only.split(',').map(Number) : undefined,
    keep: values.keep
  }).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
