/**
 * The library's search at scale: 100,000 published resources in Postgres, indexed
 * in Meilisearch through the same index definition as the hub's. Prints:
 *   - indexing throughput (a full rebuild, `search.reindex`, documents per second);
 *   - edit → searchable: a resource's title changed through the service, then the
 *     search API polled until the new word is found (p50/p95; the outbox worker's
 *     NOTIFY wake-up and Meilisearch's task included);
 *   - search latency through the API with two filters and a misspelt word (p50/p95),
 *     beside Meilisearch's own processingTimeMs.
 * Targets: search p95 ≤ 50 ms through the API; edit → searchable p95 ≤ 2 s.
 *
 *   node --import tsx tests/bench/library-search.ts [--resources 100000] [--queries 300] [--edits 40] [--keep]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the
 * benchmark uses its own database, mutirao_bench_library, recreated each run.
 */
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { resources } from '@mutirao/db';
import { startEmbeddedMeilisearch } from '@mutirao/search';
import { regionCountries, resourceTypes, themes, type LibraryQueryInput } from '@mutirao/shared';
import { buildApp } from '../../apps/api/src/app';
import { loadConfig } from '../../apps/api/src/config';
import { startRuntime } from '../../apps/api/src/runtime';
import { updateResource } from '../../apps/api/src/modules/library/library.contributions.service';
import { libraryQueries, searchLibrary } from '../../apps/api/src/modules/library/library.catalogue.service';
import { RESOURCES_INDEX } from '../../apps/api/src/modules/library/library.search';
import { freshDatabase, serverUrl } from './lib/database';

// BENCH_DATABASE names another database, so two people can run it on one server.
const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'mutirao_bench_library';
export const TARGETS = { searchP95Ms: 50, editP95Ms: 2000 };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)]!;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const round = (n: number) => Math.round(n * 10) / 10;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)) };
};

const subjects = ['vivienda social', 'asentamientos informales', 'alquiler asequible', 'habitação de interesse social', 'aluguel social', 'favelas', 'informal settlements', 'rental housing', 'tenencia del suelo', 'regularização fundiária', 'climate resilience', 'riesgo de desastres', 'microfinanzas', 'housing finance', 'desalojos', 'despejos'];
const kinds = ['Informe sobre', 'Guía de', 'Estudio de caso:', 'Relatório sobre', 'Guia de', 'Report on', 'Toolkit for', 'Policy brief on', 'Datos abiertos de', 'Dados de'];
const places = ['Bogotá', 'Lima', 'Quito', 'São Paulo', 'Recife', 'Kingston', 'Montevideo', 'Rosario', 'Cusco', 'Panamá', 'Tegucigalpa', 'Santo Domingo', 'Valparaíso', 'Belém', 'Port of Spain'];
const people = ['Ana Pérez', 'João Silva', 'Marcus Brown', 'Lucía Gómez', 'Beatriz Santos', 'Diego Rojas', 'Sophie Martin', 'Carlos Mendoza'];
const publishers = ['Observatorio Urbano', 'Instituto Cidade', 'Caribbean Housing Lab', 'Red de Vivienda', 'Fundação Moradia', 'UN-Habitat', 'Banco Regional'];
const misspelt = ['vivenda', 'asentamentos', 'alquilr', 'habitacao', 'favleas', 'setlements', 'resilence', 'microfinanzs', 'desalojs', 'regularizacao'];

/** Resources offset+1 … end, published, drawn from the generator r (the same seed gives the same library). */
export function generateResources(r: () => number, offset: number, end: number, now: number): Array<typeof resources.$inferInsert> {
  const rows: Array<typeof resources.$inferInsert> = [];
  for (let i = offset; i < end; i++) {
    const subject = pick(r, subjects);
    const title = `${pick(r, kinds)} ${subject} en ${pick(r, places)} ${i + 1}`;
    const summary = `Análisis de ${subject} y ${pick(r, subjects)} con datos de ${pick(r, places)}: políticas, financiamiento y participación comunitaria.`;
    const year = 2000 + Math.floor(r() * 26);
    rows.push({
      id: crypto.randomUUID(),
      slug: `recurso-${i + 1}`,
      title,
      summary,
      summaryHtml: `<p>${summary}</p>`,
      summaryText: summary,
      type: pick(r, resourceTypes),
      themes: [...new Set([pick(r, themes), pick(r, themes)])],
      countries: [...new Set([pick(r, regionCountries) as string, pick(r, regionCountries) as string])].slice(0, 1 + Math.floor(r() * 2)),
      languages: [pick(r, ['es', 'pt', 'en'] as const)],
      year,
      authors: [pick(r, people), pick(r, people)],
      publisherName: pick(r, publishers),
      licence: 'cc-by-4.0',
      status: 'published',
      publishedAt: new Date(now - Math.floor(r() * 3650) * 86_400_000)
    });
  }
  return rows;
}

/** The query set: a misspelt word and two filters, drawn from q. */
export function benchQuery(q: () => number): URLSearchParams {
  const params = new URLSearchParams();
  params.set('q', pick(q, misspelt));
  if (q() < 0.5) params.append('type', pick(q, resourceTypes));
  else params.append('theme', pick(q, themes));
  if (q() < 0.5) params.append('country', pick(q, regionCountries));
  else params.append('language', pick(q, ['es', 'pt', 'en']));
  return params;
}

/** The API's query string as the service's input (the bench's parameters only). */
export function inputOf(params: URLSearchParams): LibraryQueryInput {
  const list = <T>(key: string) => (params.getAll(key).length > 0 ? (params.getAll(key) as T[]) : undefined);
  return {
    q: params.get('q') ?? undefined,
    type: list<NonNullable<LibraryQueryInput['type']>[number]>('type'),
    theme: list<NonNullable<LibraryQueryInput['theme']>[number]>('theme'),
    country: list<NonNullable<LibraryQueryInput['country']>[number]>('country'),
    language: list<NonNullable<LibraryQueryInput['language']>[number]>('language')
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

export interface LibraryBenchReport {
  resources: number;
  indexedPerSecond: number;
  editToSearchableMs: { p50: number; p95: number };
  apiMs: { p50: number; p95: number };
  /** searchLibrary() called in process: the API without HTTP and Fastify. */
  serviceMs: { p50: number; p95: number };
  /** The service's multi-search sent straight to Meilisearch (its HTTP included). */
  meiliRoundTripMs: { p50: number; p95: number };
  meiliProcessingMs: { p50: number; p95: number };
  targetsMet: { searchP95: boolean; editP95: boolean };
}

export async function runLibraryBench(options: { resources?: number; queries?: number; edits?: number; keep?: boolean; log?: (line: string) => void } = {}): Promise<LibraryBenchReport> {
  const total = options.resources ?? 100_000;
  const queryCount = options.queries ?? 300;
  const editCount = options.edits ?? 40;
  const warmup = 30;
  const log = options.log ?? console.log;
  const dir = await mkdtemp(join(tmpdir(), 'mutirao-bench-library-'));
  const closers: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  try {
    const { url: databaseUrl, database } = await freshDatabase(BENCH_DATABASE);
    closers.push(() => database.close());
    if (!options.keep) {
      closers.push(async () => {
        const admin = new pg.Client({ connectionString: serverUrl() });
        await admin.connect();
        await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
        await admin.end();
      });
    }
    const env = process.env;
    let meili = env.MEILI_URL && env.MEILI_MASTER_KEY ? { url: env.MEILI_URL, masterKey: env.MEILI_MASTER_KEY } : undefined;
    if (!meili) {
      const embedded = await startEmbeddedMeilisearch({ dataDir: join(dir, 'meili'), keyFile: join(dir, 'meili-key'), log: { info: () => {}, warn: () => {}, error: console.error } });
      closers.push(() => embedded.stop());
      meili = { url: embedded.url, masterKey: embedded.masterKey };
    }
    const config = loadConfig({ DATA_DIR: dir, NODE_ENV: 'test', DATABASE_URL: databaseUrl, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, LOG_LEVEL: 'silent' });
    const runtime = await startRuntime(config, pino({ level: 'silent' }), { database, indexPrefix: 'bench_', workJobs: false });
    closers.push(() => runtime.close());
    const app = await buildApp({ hub: runtime });
    closers.push(() => app.close());
    const address = await app.listen({ host: '127.0.0.1', port: 0 });

    // --- the resources, in multi-row inserts
    const r = rng(20261130);
    let started = performance.now();
    const ids: string[] = [];
    const now = Date.now();
    for (let offset = 0; offset < total; offset += 1000) {
      const rows = generateResources(r, offset, Math.min(total, offset + 1000), now);
      for (const row of rows) ids.push(row.id!);
      await database.db.insert(resources).values(rows);
    }
    log(`inserted ${total} resources in ${round(performance.now() - started)} ms`);

    started = performance.now();
    const [rebuilt] = await runtime.search.reindex(RESOURCES_INDEX);
    const seconds = (performance.now() - started) / 1000;
    const indexedPerSecond = Math.round(rebuilt!.documents / seconds);
    log(`indexed ${rebuilt!.documents} documents in ${round(seconds)} s: ${indexedPerSecond} documents/s`);

    // --- edit → searchable, one edit at a time, through the outbox worker
    const staff = { id: crypto.randomUUID(), role: 'coordinator' as const, emailVerified: true };
    const editTimes: number[] = [];
    for (let e = 0; e < editCount; e++) {
      const word = `zqmarker${e}x${Math.floor(r() * 1e6)}`;
      const t0 = performance.now();
      await updateResource(runtime, staff, pick(r, ids), { title: `Edición ${word}` });
      for (;;) {
        const response = await get(`${address}/api/library/resources?q=${word}`);
        if (response.status === 200 && (JSON.parse(response.body) as { total: number }).total > 0) break;
        if (performance.now() - t0 > 30_000) throw new Error(`edit ${e} not searchable after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      editTimes.push(performance.now() - t0);
    }

    // --- search latency: a misspelt word and two filters. Each query is also sent by the
    // service in process (no HTTP in front) and straight to Meilisearch with the service's
    // queries, so the table shows where the API's time goes.
    const q = rng(42);
    const api: number[] = [];
    const service: number[] = [];
    const direct: number[] = [];
    const processing: number[] = [];
    let withHits = 0;
    const uid = runtime.search.indexName(RESOURCES_INDEX);
    for (let i = 0; i < warmup + queryCount; i++) {
      const params = benchQuery(q);
      const input = inputOf(params);
      let t0 = performance.now();
      const response = await get(`${address}/api/library/resources?${params}`);
      const elapsed = performance.now() - t0;
      if (response.status !== 200) throw new Error(`search ${params} → ${response.status} ${response.body}`);
      t0 = performance.now();
      await searchLibrary(runtime, input);
      const inService = performance.now() - t0;
      t0 = performance.now();
      await runtime.search.client.multiSearch({ queries: libraryQueries(uid, input).queries });
      const toMeili = performance.now() - t0;
      const body = JSON.parse(response.body) as { total: number; processingTimeMs: number };
      if (i < warmup) continue;
      api.push(elapsed);
      service.push(inService);
      direct.push(toMeili);
      processing.push(body.processingTimeMs);
      if (body.total > 0) withHits++;
    }

    const report: LibraryBenchReport = {
      resources: total,
      indexedPerSecond,
      editToSearchableMs: summary(editTimes),
      apiMs: summary(api),
      serviceMs: summary(service),
      meiliRoundTripMs: summary(direct),
      meiliProcessingMs: summary(processing),
      targetsMet: { searchP95: false, editP95: false }
    };
    report.targetsMet = { searchP95: report.apiMs.p95 <= TARGETS.searchP95Ms, editP95: report.editToSearchableMs.p95 <= TARGETS.editP95Ms };
    log('');
    log(`Library, ${total} resources`);
    log(`  indexing: ${indexedPerSecond} documents/s (full rebuild)`);
    log('                                       p50 ms   p95 ms');
    log(`  edit → searchable (${editCount} edits)       ${String(report.editToSearchableMs.p50).padStart(6)}   ${String(report.editToSearchableMs.p95).padStart(6)}`);
    log(`  search through the API (${api.length})      ${String(report.apiMs.p50).padStart(6)}   ${String(report.apiMs.p95).padStart(6)}   (a typo and two filters; ${withHits} with results)`);
    log(`  the service in process               ${String(report.serviceMs.p50).padStart(6)}   ${String(report.serviceMs.p95).padStart(6)}`);
    log(`  Meilisearch round trip               ${String(report.meiliRoundTripMs.p50).padStart(6)}   ${String(report.meiliRoundTripMs.p95).padStart(6)}`);
    log(`  Meilisearch processingTimeMs         ${String(report.meiliProcessingMs.p50).padStart(6)}   ${String(report.meiliProcessingMs.p95).padStart(6)}`);
    log(`  target search p95 ≤ ${TARGETS.searchP95Ms} ms: ${report.targetsMet.searchP95 ? 'met' : 'NOT met'}`);
    log(`  target edit → searchable p95 ≤ ${TARGETS.editP95Ms} ms: ${report.targetsMet.editP95 ? 'met' : 'NOT met'}`);
    return report;
  } finally {
    for (const fn of closers.reverse()) await fn().catch(() => {});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { resources: { type: 'string' }, queries: { type: 'string' }, edits: { type: 'string' }, keep: { type: 'boolean', default: false } }
  });
  runLibraryBench({
    resources: values.resources ? Number(values.resources) : undefined,
    queries: values.queries ? Number(values.queries) : undefined,
    edits: values.edits ? Number(values.edits) : undefined,
    keep: values.keep
  }).then(
    (report) => {
      process.exitCode = report.targetsMet.searchP95 && report.targetsMet.editP95 ? 0 : 1;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    }
  );
}
