/**
 * `pnpm bench pages`: what a first visit to each page costs the reader and the server.
 *
 * 1. Bytes transferred on a first visit (cold cache), by kind: HTML, JS, CSS, images,
 *    other, for a visitor and for a signed-in member, measured in Chromium through the
 *    DevTools protocol (encoded bytes: what travelled, compressed). Budget: 100 KiB.
 * 2. Lighthouse (mobile preset) for the visitor pages, when the `lighthouse` package
 *    can be imported (CHROME_PATH=/usr/bin/chromium); otherwise it says how to run it.
 * 3. Server time: requests/s and server CPU per request for each page's render (SSR
 *    plus the in-process bridge) beside the same for the API calls that page makes, in
 *    one run. Target: a render costs at most as much CPU as its API calls together,
 *    so a page runs at ≥ 50 % of their throughput.
 *
 * The hub runs in a child process (pages.server.ts) with the built web app (`pnpm build`
 * first) and the demo content, on a database of its own.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import type { BenchmarkRun, BenchmarkSettings } from '../lib/benchmark';
import { freshDatabase } from '../lib/database';
import { runLoad, summarize, type LoadRun } from '../lib/load';
import { startServerProcess, type ServerProcess } from '../lib/servers';

const handlerPath = fileURLToPath(new URL('../../../apps/web/build/handler.js', import.meta.url));
const serverModule = fileURLToPath(new URL('./pages.server.ts', import.meta.url));
const BUDGET_BYTES = 100 * 1024;
const kinds = ['html', 'js', 'css', 'images', 'other'] as const;
type Kind = (typeof kinds)[number];

function kindOf(type: string | undefined): Kind {
  switch (type) {
    case 'Document':
      return 'html';
    case 'Script':
      return 'js';
    case 'Stylesheet':
      return 'css';
    case 'Image':
      return 'images';
    default:
      return 'other';
  }
}

/** Loads `path` in a fresh context (nothing cached) and adds up the encoded bytes of every response by kind. */
async function transferred(browser: Browser, base: string, path: string, cookie?: { name: string; value: string }) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-AR' });
  if (cookie) await context.addCookies([{ ...cookie, url: base }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const typeById = new Map<string, string>();
  const bytes: Record<Kind, number> = { html: 0, js: 0, css: 0, images: 0, other: 0 };
  cdp.on('Network.responseReceived', (event) => typeById.set(event.requestId, event.type));
  cdp.on('Network.loadingFinished', (event) => {
    bytes[kindOf(typeById.get(event.requestId))] += event.encodedDataLength;
  });
  const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
  // Lazy chunks (the live socket's) and late images.
  await page.waitForLoadState('networkidle').catch(() => {});
  await context.close();
  const total = kinds.reduce((n, k) => n + bytes[k], 0);
  return { status: response?.status() ?? 0, bytes, total };
}

async function lighthouseScores(base: string, paths: string[]) {
  let lighthouse: ((url: string, flags: object) => Promise<{ lhr: LighthouseResult } | undefined>) | undefined;
  let launch: ((options: object) => Promise<{ port: number; kill(): Promise<void> | void }>) | undefined;
  try {
    lighthouse = (await import(/* @vite-ignore */ 'lighthouse' as string)).default;
    launch = (await import(/* @vite-ignore */ 'chrome-launcher' as string)).launch;
  } catch {
    console.log('\n  Lighthouse: not a dependency; `pnpm bench lighthouse` runs it (through pnpm dlx) on every public page.');
    return;
  }
  const chrome = await launch!({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: ['--headless', '--no-sandbox'] });
  try {
    console.log('\n  Lighthouse (mobile)          performance  accessibility  best practices  SEO');
    for (const path of paths) {
      const result = await lighthouse!(`${base}${path}`, { port: chrome.port, output: 'json', logLevel: 'error' });
      const c = result?.lhr.categories;
      const score = (key: string) => String(Math.round((c?.[key]?.score ?? 0) * 100)).padEnd(15);
      console.log(`  ${path.padEnd(28)} ${score('performance')}${score('accessibility')}${score('best-practices')}${score('seo')}`);
    }
  } finally {
    await chrome.kill();
  }
}
interface LighthouseResult {
  categories: Record<string, { score: number | null }>;
}

/** Runs `url` under load for the settings' time (after a warm-up), with the server's CPU. */
async function measured(server: ServerProcess, url: string, headers: Record<string, string>, settings: BenchmarkSettings) {
  await runLoad({ url, headers, connections: settings.connections, durationSeconds: Math.max(1, settings.warmupSeconds) });
  const before = await server.cpuMicros();
  const run: LoadRun = await runLoad({ url, headers, connections: settings.connections, durationSeconds: settings.seconds });
  run.serverCpuMicros = (await server.cpuMicros()) - before;
  return summarize([run]);
}

export const runPagesBench: BenchmarkRun = async (settings) => {
  if (!existsSync(handlerPath)) throw new Error('apps/web/build is missing: run `pnpm build` first');
  const { url: databaseUrl, database } = await freshDatabase('mutirao_bench_pages_budget');
  await database.close();
  const server = await startServerProcess('hub', serverModule, { BENCH_DATABASE_URL: databaseUrl, BENCH_PORT: '3998' }, { startTimeoutMs: 240_000 });
  // The same hub with the visitors' page cache off (PAGE_CACHE_SECONDS=0): what every render costs.
  let rendering: ServerProcess | undefined;
  const base = server.url.replace('127.0.0.1', 'localhost');
  const origin = base;
  let browser: Browser | undefined;
  try {
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench-member@example.org', password: 'correct horse battery staple' })
    });
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    const [name, value] = setCookie.split(';')[0].split('=');
    const cookieHeader = `${name}=${value}`;
    const newest = (await (await fetch(`${base}/api/organisations/newest?limit=1`)).json()) as { items: Array<{ slug: string }> };
    const profile = `/organisations/${newest.items[0].slug}`;

    // 1. Bytes on a first visit.
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const visits: Array<[string, string, { name: string; value: string } | undefined]> = [
      ...['/', '/organisations', profile].map((path): [string, string, undefined] => ['visitor', path, undefined]),
      ...['/', '/organisations', profile, '/organisations/mine', '/notifications'].map((path): [string, string, { name: string; value: string }] => [
        'member',
        path,
        { name, value }
      ])
    ];
    console.log('\n  first visit, bytes transferred (KiB)   HTML     JS     CSS    images  other   total  budget');
    let withinBudget = true;
    for (const [who, path, cookie] of visits) {
      const { status, bytes, total } = await transferred(browser, base, path, cookie);
      const kib = (n: number) => (n / 1024).toFixed(1).padStart(6);
      const ok = status === 200 && total <= BUDGET_BYTES;
      if (who === 'visitor') withinBudget &&= ok;
      console.log(`  ${who.padEnd(8)} ${path.slice(0, 28).padEnd(28)} ${kinds.map((k) => kib(bytes[k])).join('  ')}  ${kib(total)}  ${ok ? 'ok' : `over (${status})`}`);
    }
    await browser.close();
    browser = undefined;

    // 2. Lighthouse.
    await lighthouseScores(base, ['/', '/organisations', profile]);

    // 3. Server time: each page beside the API calls it makes.
    const visitor = { accept: 'text/html' };
    const member = { accept: 'text/html', cookie: cookieHeader };
    const asMember = { cookie: cookieHeader };
    const slug = profile.split('/').pop()!;
    const targets: Array<{ label: string; page: [string, Record<string, string>]; api: Array<[string, Record<string, string>]> }> = [
      {
        label: '/ (visitor)',
        page: ['/', visitor],
        // Every call the landing page's load makes (routes/+page.server.ts).
        api: [
          ['/api/organisations/newest?limit=6', {}],
          ['/api/threads?limit=5', {}],
          ['/api/library/newest?limit=6', {}],
          ['/api/events?when=upcoming&status=published&pageSize=4', {}]
        ]
      },
      { label: '/organisations', page: ['/organisations', visitor], api: [['/api/organisations', {}]] },
      {
        label: 'a profile',
        page: [profile, visitor],
        // Every call its load makes (routes/organisations/[slug]/+page.server.ts).
        api: [
          [`/api/organisations/${slug}`, {}],
          [`/api/threads?organisation=${slug}&limit=5`, {}],
          [`/api/library/publishers/${slug}`, {}],
          [`/api/events?organisation=${slug}&when=upcoming&pageSize=5`, {}],
          [`/api/events?organisation=${slug}&when=past&pageSize=5`, {}]
        ]
      },
      {
        label: '/ (dashboard, member)',
        page: ['/', member],
        api: [
          ['/api/me', asMember],
          ['/api/me/notifications/unread-count', asMember],
          ['/api/me/home', asMember]
        ]
      }
    ];
    rendering = await startServerProcess(
      'hub (page cache off)',
      serverModule,
      { BENCH_DATABASE_URL: databaseUrl, BENCH_PORT: '3997', BENCH_PAGE_CACHE_SECONDS: '0' },
      { startTimeoutMs: 240_000 }
    );
    console.log(`\n  server, ${settings.connections} connections, ${settings.seconds} s each   page req/s  CPU µs/render   API calls req/s  CPU µs (sum)   page/API`);
    console.log('  (visitors\' pages: "kept" is what a visitor gets, "rendered" the same page with the page cache off)');
    let withinCpu = true;
    for (const target of targets) {
      const visitorPage = !('cookie' in target.page[1]);
      if (visitorPage) {
        const renderedEveryTime = await measured(rendering, `${rendering.url}${target.page[0]}`, target.page[1], settings);
        console.log(
          `  ${`${target.label}, rendered`.padEnd(36)} ${renderedEveryTime.perSecond.toFixed(0).padStart(10)}  ${renderedEveryTime.cpuMicrosPerRequest.toFixed(0).padStart(13)}`
        );
      }
      const page = await measured(server, `${server.url}${target.page[0]}`, target.page[1], settings);
      const calls = [];
      for (const [path, headers] of target.api) calls.push(await measured(server, `${server.url}${path}`, headers, settings));
      const apiCpu = calls.reduce((n, c) => n + c.cpuMicrosPerRequest, 0);
      // The throughput of the calls together: one of each per page view.
      const apiPerSecond = 1 / calls.reduce((n, c) => n + 1 / c.perSecond, 0);
      const ratio = page.perSecond / apiPerSecond;
      withinCpu &&= page.failed === 0 && ratio >= 0.5;
      console.log(
        `  ${(visitorPage ? `${target.label}, kept` : target.label).padEnd(36)} ${page.perSecond.toFixed(0).padStart(10)}  ${page.cpuMicrosPerRequest.toFixed(0).padStart(13)}   ${apiPerSecond.toFixed(0).padStart(15)}  ${apiCpu.toFixed(0).padStart(12)}   ${(ratio * 100).toFixed(0).padStart(6)} %${page.failed ? ` (${page.failed} failed)` : ''}`
      );
    }
    return { targetMet: withinBudget && withinCpu };
  } finally {
    await browser?.close();
    await rendering?.stop();
    await server.stop();
  }
};
