/**
 * Directory search under load: 10,000 approved organisations in Postgres,
 * indexed in Meilisearch, queried through the API over real HTTP with
 * filtered, misspelt queries. Prints the API's p50/p95 latency beside
 * Meilisearch's own processingTimeMs (and a direct call to Meilisearch with
 * the same request), and whether the targets hold:
 *   API p95 ≤ 30 ms, and the API adds at most 10 ms over Meilisearch (p95 of the per-query difference).
 *
 *   node --import tsx tests/bench/organisations-directory.ts [--organisations 10000] [--queries 400] [--keep]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the
 * server; the benchmark uses its own database, mutirao_bench_orgs, recreated
 * each run. MEILI_URL/MEILI_MASTER_KEY, when set, name the Meilisearch to use;
 * otherwise the embedded binary runs in a temporary folder.
 */
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { organisations } from '@mutirao/db';
import { filterAll, filterIn, startEmbeddedMeilisearch } from '@mutirao/search';
import { organisationTypes, regionCountries, themes } from '@mutirao/shared';
import { buildApp } from '../../apps/api/src/app';
import { loadConfig } from '../../apps/api/src/config';
import { startRuntime } from '../../apps/api/src/runtime';
import { organisationNameKey, slugBase } from '../../apps/api/src/modules/organisations/organisations.names';
import { ORGANISATIONS_INDEX } from '../../apps/api/src/modules/organisations/organisations.search';
import { freshDatabase, serverUrl } from './lib/database';

const BENCH_DATABASE = 'mutirao_bench_orgs';
export const TARGETS = { apiP95Ms: 30, overheadP95Ms: 10 };

export interface DirectoryBenchOptions {
  organisations?: number;
  queries?: number;
  warmup?: number;
  keep?: boolean;
  meili?: { url: string; masterKey: string };
  log?: (line: string) => void;
}

export interface DirectoryBenchReport {
  organisations: number;
  queries: number;
  apiMs: { p50: number; p95: number };
  meiliProcessingMs: { p50: number; p95: number };
  meiliRoundTripMs: { p50: number; p95: number };
  overheadMs: { p50: number; p95: number };
  targetsMet: { apiP95: boolean; overheadP95: boolean };
}

// A deterministic generator, so every run searches the same data the same way.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const lead = ['Fundación', 'Asociación', 'Instituto', 'Cooperativa', 'Red', 'Colectivo', 'Centro', 'Associação', 'Coletivo', 'Movimento', 'Alliance', 'Network', 'Trust', 'Comité', 'Observatorio'];
const core = ['Vivienda', 'Hábitat', 'Barrio', 'Moradia', 'Casa', 'Techo', 'Tierra', 'Housing', 'Homes', 'Cidade', 'Territorio', 'Comunidad', 'Suelo', 'Lar', 'Settlement', 'Urbanismo', 'Vecinos', 'Mutirão'];
const tail = ['Digna', 'Popular', 'Solidaria', 'Justa', 'Segura', 'para Todos', 'do Povo', 'Resiliente', 'Sostenible', 'Caribe', 'Andina', 'del Sur', 'Norte', 'Futures', 'Viva'];
const cities = ['Bogotá', 'Lima', 'Quito', 'São Paulo', 'Recife', 'Kingston', 'Montevideo', 'Rosario', 'Cusco', 'Panamá', 'Tegucigalpa', 'Santo Domingo', 'Valparaíso', 'Belém', 'Port of Spain'];
const misspelt = ['vivenda', 'habitatt', 'moradai', 'cooperatva', 'netwrk', 'barrrio', 'tierr', 'housng', 'comunidd', 'territoro', 'solidara', 'fundacon', 'asociacion', 'colectvo', 'resilente', 'urbanismo', ''];
const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)];
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)) };
};
const round = (n: number) => Math.round(n * 10) / 10;

/** GET over one keep-alive connection with node:http (Node 20's fetch adds its own stalls; see packages/search/src/http-client.ts). */
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

export async function runOrganisationsDirectoryBench(options: DirectoryBenchOptions = {}): Promise<DirectoryBenchReport> {
  const total = options.organisations ?? 10_000;
  const queryCount = options.queries ?? 400;
  const warmup = options.warmup ?? 50;
  const log = options.log ?? console.log;
  const dir = await mkdtemp(join(tmpdir(), 'mutirao-bench-orgs-'));
  const closers: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const fn of closers.reverse()) await fn().catch(() => {});
  };

  try {
    // --- a fresh database
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

    // --- Meilisearch: the configured one, or the embedded binary
    const env = process.env;
    let meili = options.meili ?? (env.MEILI_URL && env.MEILI_MASTER_KEY ? { url: env.MEILI_URL, masterKey: env.MEILI_MASTER_KEY } : undefined);
    if (!meili) {
      const embedded = await startEmbeddedMeilisearch({
        dataDir: join(dir, 'meili'),
        keyFile: join(dir, 'meili-key'),
        log: { info: () => {}, warn: () => {}, error: console.error }
      });
      closers.push(() => embedded.stop());
      meili = { url: embedded.url, masterKey: embedded.masterKey };
    }

    // --- the hub, listening on a real port
    const config = loadConfig({
      DATA_DIR: dir,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      LOG_LEVEL: 'silent'
    });
    const runtime = await startRuntime(config, pino({ level: 'silent' }), { database, indexPrefix: 'bench_', workJobs: false });
    closers.push(() => runtime.close());
    const search = runtime.search;
    const app = await buildApp({ hub: runtime });
    closers.push(() => app.close());
    const address = await app.listen({ host: '127.0.0.1', port: 0 });

    // --- 10,000 approved organisations, in multi-row inserts
    const r = rng(20251128);
    let started = performance.now();
    const used = new Set<string>();
    const now = Date.now();
    for (let offset = 0; offset < total; offset += 1000) {
      const rows: Array<typeof organisations.$inferInsert> = [];
      for (let i = offset; i < Math.min(total, offset + 1000); i++) {
        const name = `${pick(r, lead)} ${pick(r, core)} ${pick(r, tail)} ${pick(r, cities)} ${i + 1}`;
        let slug = slugBase(name);
        while (used.has(slug)) slug = `${slug}-x`;
        used.add(slug);
        const countryList = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, regionCountries) as string))];
        const approvedAt = new Date(now - Math.floor(r() * 4 * 365) * 86_400_000);
        rows.push({
          slug,
          name,
          nameKey: organisationNameKey(name),
          type: pick(r, organisationTypes),
          countries: countryList,
          hqCity: pick(r, cities),
          hqCountry: countryList[0],
          website: `https://www.org${i}.example.org`,
          contactEmail: `info@org${i}.example.org`,
          description: `${pick(r, core)} ${pick(r, tail)}: trabajo comunitario por ${pick(r, core).toLowerCase()} y ${pick(r, core).toLowerCase()} en ${pick(r, cities)}.`,
          descriptionLocale: pick(r, ['es', 'pt', 'en'] as const),
          themes: [...new Set([pick(r, themes), pick(r, themes)])],
          foundedYear: 1950 + Math.floor(r() * 74),
          status: 'approved',
          approvedAt,
          createdAt: new Date(approvedAt.getTime() - 7 * 86_400_000)
        });
      }
      await database.db.insert(organisations).values(rows);
    }
    log(`inserted ${total} organisations in ${round(performance.now() - started)} ms`);

    started = performance.now();
    const [result] = await search.reindex(ORGANISATIONS_INDEX);
    log(`indexed ${result.documents} documents in ${round(performance.now() - started)} ms`);

    // --- the queries: misspelt words with country/type/theme filters, different sorts and pages
    const q = rng(42);
    const queries: string[] = [];
    for (let i = 0; i < warmup + queryCount; i++) {
      const params = new URLSearchParams();
      const word = pick(q, misspelt);
      if (word) params.set('q', word);
      const countryCount = Math.floor(q() * 3);
      for (let c = 0; c < countryCount; c++) params.append('country', pick(q, regionCountries));
      if (q() < 0.5) params.append('type', pick(q, organisationTypes));
      if (q() < 0.4) params.append('theme', pick(q, themes));
      if (q() < 0.3) params.set('sort', pick(q, ['name', 'newest'] as const));
      if (q() < 0.2) params.set('page', String(2 + Math.floor(q() * 3)));
      queries.push(params.toString());
    }

    const api: number[] = [];
    const processing: number[] = [];
    const overhead: number[] = [];
    const direct: number[] = [];
    let hits = 0;
    const slowest: Array<{ ms: number; meili: number; query: string }> = [];
    for (const [i, query] of queries.entries()) {
      const t0 = performance.now();
      const response = await get(`${address}/api/organisations?${query}`);
      const body = JSON.parse(response.body) as { total: number; processingTimeMs: number };
      const elapsed = performance.now() - t0;
      if (response.status !== 200) throw new Error(`GET /api/organisations?${query} → ${response.status} ${response.body}`);
      if (i < warmup) continue;
      api.push(elapsed);
      processing.push(body.processingTimeMs);
      overhead.push(elapsed - body.processingTimeMs);
      if (body.total > 0) hits++;
      slowest.push({ ms: round(elapsed), meili: body.processingTimeMs, query });
    }
    // The same requests straight to Meilisearch: how much of the API's time is Meilisearch's HTTP round trip.
    const uid = search.indexName(ORGANISATIONS_INDEX);
    for (const [i, query] of queries.entries()) {
      const params = new URLSearchParams(query);
      const filter = filterAll(
        (['country', 'type', 'theme'] as const).map((f, k) => {
          const values = params.getAll(f);
          return values.length > 0 ? filterIn(['countries', 'type', 'themes'][k], values) : undefined;
        })
      );
      const t0 = performance.now();
      await search.client.multiSearch({
        queries: [
          {
            indexUid: uid,
            q: params.get('q') ?? '',
            filter,
            facets: ['countries', 'type', 'themes'],
            page: Number(params.get('page') ?? 1),
            hitsPerPage: 20
          }
        ]
      });
      if (i >= warmup) direct.push(performance.now() - t0);
    }

    const report: DirectoryBenchReport = {
      organisations: total,
      queries: api.length,
      apiMs: summary(api),
      meiliProcessingMs: summary(processing),
      meiliRoundTripMs: summary(direct),
      overheadMs: summary(overhead),
      targetsMet: { apiP95: false, overheadP95: false }
    };
    report.targetsMet = {
      apiP95: report.apiMs.p95 <= TARGETS.apiP95Ms,
      overheadP95: report.overheadMs.p95 <= TARGETS.overheadP95Ms
    };
    log('');
    log(`Directory search, ${total} organisations, ${api.length} sequential queries over HTTP (after ${warmup} warm-up), ${hits} with results`);
    log('                                   p50 ms   p95 ms');
    log(`  API (GET /api/organisations)    ${String(report.apiMs.p50).padStart(6)}   ${String(report.apiMs.p95).padStart(6)}`);
    log(`  Meilisearch processingTimeMs    ${String(report.meiliProcessingMs.p50).padStart(6)}   ${String(report.meiliProcessingMs.p95).padStart(6)}`);
    log(`  API minus processingTimeMs      ${String(report.overheadMs.p50).padStart(6)}   ${String(report.overheadMs.p95).padStart(6)}`);
    log(`  Meilisearch direct round trip   ${String(report.meiliRoundTripMs.p50).padStart(6)}   ${String(report.meiliRoundTripMs.p95).padStart(6)}   (same search, one query, no facet split)`);
    log('');
    log('  slowest through the API (ms, Meilisearch ms, query):');
    for (const x of slowest.sort((a, b) => b.ms - a.ms).slice(0, 3)) log(`    ${x.ms}  ${x.meili}  ?${x.query}`);
    log('');
    log(`  target API p95 ≤ ${TARGETS.apiP95Ms} ms: ${report.targetsMet.apiP95 ? 'met' : 'NOT met'} (${report.apiMs.p95} ms)`);
    log(`  target API adds ≤ ${TARGETS.overheadP95Ms} ms over Meilisearch (p95): ${report.targetsMet.overheadP95 ? 'met' : 'NOT met'} (${report.overheadMs.p95} ms)`);
    return report;
  } finally {
    await close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      organisations: { type: 'string' },
      queries: { type: 'string' },
      keep: { type: 'boolean', default: false }
    }
  });
  runOrganisationsDirectoryBench({
    organisations: values.organisations ? Number(values.organisations) : undefined,
    queries: values.queries ? Number(values.queries) : undefined,
    keep: values.keep
  }).then(
    (report) => {
      process.exitCode = report.targetsMet.apiP95 && report.targetsMet.overheadP95 ? 0 : 1;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    }
  );
}
