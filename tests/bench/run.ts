// `pnpm bench [name…] [--seconds N] [--warmup N] [--connections N] [--list]`
// Runs the named benchmarks (all by default) and exits 1 when one misses its target.
// To add one: write a module exporting a BenchmarkRun (lib/benchmark.ts) and
// register it below; it is imported only when selected.
import { parseArgs } from 'node:util';
import type { Benchmark } from './lib/benchmark';

const registry: Benchmark[] = [
  {
    name: 'me',
    description: 'GET /api/me with a session: the full hub vs. a bare Fastify route doing the same work (target ≥ 70 %)',
    load: async () => (await import('./me/me.bench')).runMeBenchmark
  },
  {
    name: 'page-requests',
    description: 'in-process API requests and session look-ups per signed-in profile view and "join" click (target: one look-up per render, plus one per change)',
    load: async () => (await import('./page-requests')).runPageRequestsBench
  },
  {
    name: 'pages',
    description: 'first-visit bytes per page (visitor, member; budget 100 KiB), Lighthouse when installed, and page renders vs their API calls in req/s and CPU (target ≥ 50 %)',
    load: async () => (await import('./pages/pages.bench')).runPagesBench
  },
  {
    name: 'lighthouse',
    description: 'Lighthouse (mobile preset) on every public page: four scores, KiB, LCP/TBT/CLS and what cost points (target: 100 for accessibility, best practices, SEO; ≤ 100 KiB; performance ≥ 98, the median of 3 runs); HUB_URL for a running hub',
    load: async () => (await import('./lighthouse')).runLighthouseBench
  },
  {
    name: 'organisations',
    description: 'directory search over 10,000 organisations through the API (targets: p95 ≤ 30 ms, ≤ 10 ms over Meilisearch)',
    load: async () => {
      const { runOrganisationsDirectoryBench } = await import('./organisations-directory');
      return async () => {
        const report = await runOrganisationsDirectoryBench();
        return { targetMet: report.targetsMet.apiP95 && report.targetsMet.overheadP95 };
      };
    }
  },
  {
    name: 'events-registration',
    description: '500 concurrent registrations for 100 seats over HTTP: throughput, p95 and the final counts (target: exactly 100 confirmed, 400 waitlisted, every answer 201)',
    load: async () => (await import('./events-registration')).runEventsRegistrationBench
  },
  {
    name: 'library',
    description: 'the library with 100,000 resources: indexing throughput, edit → searchable, search through the API with a typo and two filters (targets: search p95 ≤ 50 ms, edit p95 ≤ 2 s)',
    load: async () => {
      const { runLibraryBench } = await import('./library-search');
      return async () => {
        const report = await runLibraryBench();
        return { targetMet: report.targetsMet.searchP95 && report.targetsMet.editP95 };
      };
    }
  },
  {
    name: 'thread',
    description: 'a thread with 1,000 replies and 50 websocket viewers: API p95 for a page of 50 posts, reply → all viewers fan-out, the page’s HTML and JS weight (targets: page p95 ≤ 25 ms, fan-out p95 ≤ 100 ms, JS ≤ 60 KiB gzip)',
    load: async () => (await import('./discussions-thread')).runThreadBench
  },
  {
    name: 'library-settings',
    description: 'the library search at 100,000 resources under each Meilisearch setting and query shape tried, side by side in one run (target: the API\'s queries on the index now no slower at p95 than before)',
    load: async () => {
      const { runLibrarySettingsBench } = await import('./library-search-settings');
      return async () => {
        const rows = await runLibrarySettingsBench();
        const before = rows[0]!;
        const now = rows.at(-1)!;
        return { targetMet: now.processing.p95 <= before.processing.p95 };
      };
    }
  },
  {
    name: 'mail-timing',
    description: 'password-reset and resend-verification answer times, registered vs unknown addresses (target: ranges overlap)',
    load: async () => (await import('./mail-timing/mail-timing.bench')).runMailTimingBenchmark
  },
  {
    name: 'idle-memory',
    description: 'RSS at idle, embedded defaults and on Postgres: the hub under tsx vs. compiled, and the embedded Meilisearch (target: no esbuild process, a smaller hub)',
    load: async () => (await import('./idle-memory')).runIdleMemoryBench
  },
  {
    name: 'sigterm',
    description: 'SIGTERM during autocannon load on embedded defaults (targets: no accepted request fails, exit 0 within 10 s, no Meilisearch left)',
    load: async () => (await import('./faults/sigterm.bench')).runSigtermBenchmark
  },
  {
    name: 'meili-kill',
    description: 'SIGKILL to the embedded Meilisearch during 200 organisation changes (targets: writes succeed, degraded health, 503 directory, index complete after restart)',
    load: async () => (await import('./faults/meili-kill.bench')).runMeiliKillBenchmark
  },
  {
    name: 'db-restart',
    description: 'Postgres (a private server) stopped for 4 s under load (targets: 503 problems not hangs, recovery by itself, live events resume)',
    load: async () => (await import('./faults/db-restart.bench')).runDbRestartBenchmark
  }
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    list: { type: 'boolean', default: false }
  }
});

if (values.list) {
  for (const b of registry) console.log(`${b.name.padEnd(14)} ${b.description}`);
  process.exit(0);
}

const unknown = positionals.filter((name) => !registry.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${registry.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = positionals.length > 0 ? registry.filter((b) => positionals.includes(b.name)) : registry;
const settings = {
  seconds: Number(values.seconds),
  warmupSeconds: Number(values.warmup),
  connections: Number(values.connections)
};
for (const flag of ['seconds', 'warmup', 'connections'] as const) {
  const value = Number(values[flag]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${flag} must be a positive number`);
    process.exit(2);
  }
}

const missed: string[] = [];
for (const benchmark of selected) {
  console.log(`\n▶ ${benchmark.name}: ${benchmark.description}`);
  const run = await benchmark.load();
  const { targetMet } = await run(settings);
  if (!targetMet) missed.push(benchmark.name);
}
if (missed.length > 0) console.log(`\nTarget missed: ${missed.join(', ')}`);
process.exit(missed.length > 0 ? 1 : 0);
