/**
 * `pnpm bench thread`: a thread with 1,000 replies and 50 people viewing it live.
 *
 * The hub runs in its own process (thread/thread.server.ts) on a fresh database on the
 * Postgres server (DATABASE_URL); this process is the readers. It measures:
 * - the API answer time for a page of 50 posts (`GET /api/threads/<id>?page=N`, every
 *   page in turn, signed in, which also records the read position, and as a visitor);
 * - the fan-out: 50 websocket viewers on `/api/live`, each signed in as a different
 *   person and subscribed to `thread:<id>`; one person posts 50 replies in turn, and
 *   for each the time from its POST returning to the last of the 50 viewers receiving
 *   its `post.created` event;
 * - when the web app is built (`pnpm build`), the thread page's HTML and the JavaScript
 *   it loads first (its `modulepreload` links), compressed with gzip and brotli.
 * Targets: page p95 ≤ 25 ms, fan-out p95 ≤ 100 ms, JavaScript ≤ 60 KiB (gzip).
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import type { BenchmarkRun } from './lib/benchmark';
import { freshDatabase } from './lib/database';
import { startServerProcess } from './lib/servers';
import type { ThreadBenchSetup } from './thread/thread.server';

const PAGE_ROUNDS = 6;
const FAN_OUT_REPLIES = 50;
const TARGETS = { pageP95Ms: 25, fanOutP95Ms: 100, jsKiB: 60 };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (n: number) => `${n.toFixed(1)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)!, n: sorted.length };
};

export const runThreadBench: BenchmarkRun = async () => {
  const { url, database } = await freshDatabase('mutirao_bench_thread');
  await database.close();
  const out = join(tmpdir(), `mutirao-bench-thread-${process.pid}.json`);
  const server = await startServerProcess(
    'hub',
    new URL('./thread/thread.server.ts', import.meta.url).pathname,
    { BENCH_DATABASE_URL: url, BENCH_OUT: out, BENCH_PORT: process.env.BENCH_PORT ?? '3997' },
    // Seeding 1,000 replies through the services takes a while on a busy machine.
    { startTimeoutMs: 600_000 }
  );
  const sockets: WebSocket[] = [];
  try {
    const setup = JSON.parse(await readFile(out, 'utf8')) as ThreadBenchSetup;
    const host = new URL(setup.origin).host;
    const get = async (path: string, cookie?: string) => {
      const t0 = performance.now();
      const response = await fetch(`${server.url}${path}`, { headers: { host, ...(cookie && { cookie }) } });
      const body = await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
      return { ms: performance.now() - t0, body, link: response.headers.get('link') ?? '' };
    };

    // ------------------------------------------------------------ pages of 50 posts
    const first = JSON.parse((await get(`/api/threads/${setup.threadId}`)).body) as { pageCount: number; thread: { replyCount: number } };
    const pages = Array.from({ length: first.pageCount }, (_, i) => i + 1);
    const member: number[] = [];
    const visitor: number[] = [];
    for (let round = 0; round < PAGE_ROUNDS + 1; round++) {
      for (const page of pages) {
        const signedIn = await get(`/api/threads/${setup.threadId}?page=${page}`, setup.viewers[page % setup.viewers.length]);
        const anonymous = await get(`/api/threads/${setup.threadId}?page=${page}`);
        // The first round warms the connection pool, the JIT and Postgres' caches.
        if (round > 0) {
          member.push(signedIn.ms);
          visitor.push(anonymous.ms);
        }
      }
    }
    const memberPage = summary(member);
    const visitorPage = summary(visitor);

    // ------------------------------------------------------------ fan-out to 50 viewers
    const arrivals = new Map<string, number[]>();
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/api/live`;
    await Promise.all(
      setup.viewers.map(
        (cookie) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(wsUrl, { headers: { cookie, origin: setup.origin, host } });
            sockets.push(ws);
            ws.on('error', reject);
            ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics: [`thread:${setup.threadId}`] })));
            ws.on('message', (data) => {
              const message = JSON.parse(String(data)) as { type: string; event?: string; id?: string; topics?: string[] };
              if (message.type === 'subscribed') {
                if (message.topics?.includes(`thread:${setup.threadId}`)) resolve();
                else reject(new Error('the thread topic was denied'));
              }
              if (message.type === 'event' && message.event === 'post.created' && message.id) {
                const list = arrivals.get(message.id) ?? [];
                list.push(performance.now());
                arrivals.set(message.id, list);
              }
            });
          })
      )
    );
    const fanOut: number[] = [];
    const fromSent: number[] = [];
    const posts: number[] = [];
    for (let i = 0; i < FAN_OUT_REPLIES + 3; i++) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/api/threads/${setup.threadId}/posts`, {
        method: 'POST',
        headers: { host, origin: setup.origin, cookie: setup.poster, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Una respuesta en vivo, número ${i + 1}.` })
      });
      const returned = performance.now();
      if (response.status !== 201) throw new Error(`reply: ${response.status} ${await response.text()}`);
      const { post } = (await response.json()) as { post: { id: string } };
      const deadline = returned + 10_000;
      while ((arrivals.get(post.id)?.length ?? 0) < setup.viewers.length) {
        if (performance.now() > deadline) throw new Error(`only ${arrivals.get(post.id)?.length ?? 0} of ${setup.viewers.length} viewers got reply ${i + 1}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      // The first three warm up; the 1 ms polling above does not add to the times (arrival is stamped on receipt).
      if (i >= 3) {
        fanOut.push(Math.max(...arrivals.get(post.id)!) - returned);
        fromSent.push(Math.max(...arrivals.get(post.id)!) - t0);
        posts.push(returned - t0);
      }
    }
    const fan = summary(fanOut);
    const post = summary(posts);
    const sent = summary(fromSent);

    // ------------------------------------------------------------ weights
    let weights: { html: number[]; js: number[]; files: number } | undefined;
    if (setup.web) {
      const pageUrl = `${server.url}/discussions/${setup.threadId}`;
      const page = await get(`/discussions/${setup.threadId}`, setup.viewers[0]);
      // What the page loads before it runs: the scripts it preloads (tags or a Link header)
      // and imports inline, and everything those import statically (not `import()`).
      const starts = [
        ...[...page.body.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /rel="?modulepreload/.test(tag)).map((tag) => /href="([^"]+)"/.exec(tag)![1]),
        ...[...page.link.matchAll(/<([^>]+)>;[^,]*rel="?modulepreload/g)].map((m) => m[1]),
        ...[...page.body.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)].map((m) => m[1])
      ].map((href) => new URL(href, pageUrl).href);
      const seen = new Map<string, Buffer>();
      const queue = [...new Set(starts)];
      while (queue.length > 0) {
        const next = queue.shift()!;
        if (seen.has(next)) continue;
        const source = (await get(new URL(next).pathname)).body;
        seen.set(next, Buffer.from(source));
        for (const m of source.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) queue.push(new URL(m[1], next).href);
      }
      const js = [...seen.values()];
      const html = Buffer.from(page.body);
      const sizes = (bytes: Buffer) => [bytes.length, gzipSync(bytes, { level: 9 }).length, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
      const total = (list: number[][]) => list.reduce((sum, s) => sum.map((v, i) => v + s[i]), [0, 0, 0]);
      weights = { html: sizes(html), js: total(js.map(sizes)), files: js.length };
    }

    console.log(`thread: 1 thread with ${first.thread.replyCount} replies (${first.pageCount} pages of 50), ${setup.viewers.length} websocket viewers, hub in its own process`);
    console.log(`  page of 50 (signed in)  p50 ${ms(memberPage.p50)}, p95 ${ms(memberPage.p95)}, max ${ms(memberPage.max)} over ${memberPage.n} requests (${first.pageCount} pages × ${PAGE_ROUNDS})`);
    console.log(`  page of 50 (visitor)    p50 ${ms(visitorPage.p50)}, p95 ${ms(visitorPage.p95)}, max ${ms(visitorPage.max)} over ${visitorPage.n} requests`);
    console.log(`  reply POST              p50 ${ms(post.p50)}, p95 ${ms(post.p95)}`);
    console.log(`  fan-out to all ${setup.viewers.length}       p50 ${ms(fan.p50)}, p95 ${ms(fan.p95)}, max ${ms(fan.max)} over ${fan.n} replies (POST returned → last viewer received; negative: the event came first)`);
    console.log(`  POST sent → all ${setup.viewers.length}     p50 ${ms(sent.p50)}, p95 ${ms(sent.p95)}, max ${ms(sent.max)}`);
    if (weights) {
      console.log(`  page HTML               ${kib(weights.html[0])} raw, ${kib(weights.html[1])} gzip, ${kib(weights.html[2])} brotli`);
      console.log(`  page JS (${weights.files} files)      ${kib(weights.js[0])} raw, ${kib(weights.js[1])} gzip, ${kib(weights.js[2])} brotli (preloaded and statically imported; gzip 9, brotli 11 as the build precompresses)`);
    } else {
      console.log('  page weights            skipped: run `pnpm build` first');
    }
    const met = {
      page: memberPage.p95 <= TARGETS.pageP95Ms && visitorPage.p95 <= TARGETS.pageP95Ms,
      fanOut: fan.p95 <= TARGETS.fanOutP95Ms,
      js: weights ? weights.js[1] <= TARGETS.jsKiB * 1024 : true
    };
    console.log(
      `  targets                 page p95 ≤ ${TARGETS.pageP95Ms} ms: ${met.page ? 'met' : 'MISSED'}; fan-out p95 ≤ ${TARGETS.fanOutP95Ms} ms: ${met.fanOut ? 'met' : 'MISSED'}; JS ≤ ${TARGETS.jsKiB} KiB gzip: ${weights ? (met.js ? 'met' : 'MISSED') : 'not measured'}`
    );
    return { targetMet: met.page && met.fanOut && met.js };
  } finally {
    for (const ws of sockets) ws.close();
    await server.stop();
    await rm(out, { force: true });
  }
};
