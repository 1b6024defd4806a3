import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { startHubProcess, type HubProcess } from '../fixtures/hub-process';

/**
 * Every form action of the web app (found by scanning the routes for `actions`
 * and POST endpoints), posted fuzzed bodies: control characters, lone
 * surrogates, characters beyond Latin-1 (in `next` too), invalid UTF-8, no or
 * the wrong Content-Type, cut-off multipart. Signed in as a member, as a
 * coordinator and as a visitor. No answer may be a 5xx.
 *
 * It runs against a hub of its own (embedded database and search, demo content,
 * no rate limits), so neither its sign-ins nor its failed guesses spill into the
 * other browser tests' limits. FUZZ_RUNS sets the requests per action.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_907);
const root = fileURLToPath(new URL('../..', import.meta.url));
const routesDir = join(root, 'apps/web/src/routes');

interface FormTarget {
  /** The route as written, e.g. `/organisations/[slug]/manage`. */
  route: string;
  /** `?/name` for a named action, '' for a default action or an endpoint. */
  action: string;
  /** Field names the server code reads. */
  fields: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]
  );
}

/** Form actions (`export const actions = { name: … }`) and POST endpoints, with the field names their code reads. */
function findFormTargets(): FormTarget[] {
  const targets: FormTarget[] = [];
  for (const file of walk(routesDir)) {
    const name = file.split('/').pop();
    if (name !== '+page.server.ts' && name !== '+server.ts') continue;
    const source = readFileSync(file, 'utf8');
    const route = `/${relative(routesDir, join(file, '..'))}`.replace(/\/$/, '') || '/';
    const fields = [...new Set([...source.matchAll(/(?:formText\(\w+, |\.get(?:All)?\()'([\w-]+)'/g)].map((m) => m[1]))];
    if (name === '+server.ts') {
      if (/export const POST\b/.test(source)) targets.push({ route, action: '', fields });
      continue;
    }
    const block = source.split(/export const actions[^=]*=\s*\{/)[1];
    if (!block) continue;
    for (const match of block.matchAll(/^ {2}(\w+):\s*async/gm)) {
      targets.push({ route, action: match[1] === 'default' ? '' : `?/${match[1]}`, fields: [...fields, 'next'] });
    }
  }
  return targets;
}

const hostileTexts = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u001b[2J',
  'ção',
  '日本語',
  '🏠',
  '/ção',
  '/日本',
  '/organisations/ção',
  '//evil.example',
  'a'.repeat(3000),
  '',
  '1e309',
  '-1',
  'Infinity'
];
const text = fc.oneof(fc.constantFrom(...hostileTexts), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ maxLength: 12 }));

/** Percent-encoding that does not refuse lone surrogates (a careless client's). */
function encodeLoosely(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

type Body = { payload?: Buffer; contentType?: string; kind: string };
function bodyFor(fields: string[]): fc.Arbitrary<Body> {
  const values = fc.dictionary(fc.constantFrom(...fields, 'x'), text, { maxKeys: Math.max(1, fields.length) });
  const urlencoded = values.map((v) => ({
    kind: 'urlencoded',
    contentType: 'application/x-www-form-urlencoded',
    payload: Buffer.from(Object.entries(v).map(([k, s]) => `${k}=${encodeLoosely(s)}`).join('&'))
  }));
  const boundary = 'fuzzform';
  const part = (k: string, s: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${s}\r\n`;
  const multipart = fc.record({ v: values, cut: fc.boolean(), file: fc.boolean() }).map(({ v, cut, file }) => {
    let body = Object.entries(v).map(([k, s]) => part(k, s)).join('');
    if (file) body += `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="l\u00f6go.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG`;
    return {
      kind: cut ? 'multipart-cut' : 'multipart',
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: Buffer.from(cut ? body : `${body}${file ? '\r\n' : ''}--${boundary}--\r\n`)
    };
  });
  const broken = fc.constantFrom<Body>(
    { kind: 'no-content-type', payload: Buffer.from('locale=pt&next=/') },
    { kind: 'no-body' },
    { kind: 'text/plain', contentType: 'text/plain', payload: Buffer.from('locale=pt') },
    { kind: 'json', contentType: 'application/json', payload: Buffer.from('{"locale":"pt"}') },
    { kind: 'multipart-no-boundary', contentType: 'multipart/form-data', payload: Buffer.from('locale=pt') },
    { kind: 'multipart-wrong-boundary', contentType: 'multipart/form-data; boundary=other', payload: Buffer.from(part('locale', 'pt')) },
    { kind: 'bad-percent', contentType: 'application/x-www-form-urlencoded', payload: Buffer.from('next=%zz&locale=%ff%fe&name=%c3%28') },
    { kind: 'bad-utf8', contentType: 'application/x-www-form-urlencoded', payload: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe, 0xc3, 0x28]) }
  );
  return fc.oneof({ weight: 4, arbitrary: urlencoded }, { weight: 2, arbitrary: multipart }, { weight: 2, arbitrary: broken });
}

interface Session {
  label: string;
  cookie?: string;
  credentials?: { email: string; password: string };
}

let hub: HubProcess | undefined;
let dataDir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  expect(existsSync(join(root, 'apps/web/build/handler.js')), 'run `pnpm build` first: this test serves the built web app').toBe(true);
  dataDir = await mkdtemp(join(tmpdir(), 'mutirao-forms-fuzz-'));
  hub = await startHubProcess(
    { DATA_DIR: dataDir, AUTH_RATE_LIMIT: '1000000', SEED_DEMO: 'true', NODE_ENV: 'development' },
    { startTimeoutMs: 180_000 }
  );
});

test.afterAll(async () => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function signIn(credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${hub!.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { origin: hub!.url, 'content-type': 'application/json' },
    body: JSON.stringify(credentials)
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?mutirao_session=[^;]/.test(c));
  return cookie!.split(';')[0];
}

test('every form action answers fuzzed bodies without a 5xx', async () => {
  test.setTimeout(300_000);
  const targets = findFormTargets();
  expect(targets.length).toBeGreaterThan(20);
  expect(targets).toContainEqual(expect.objectContaining({ route: '/language', action: '' }));
  expect(targets).toContainEqual(expect.objectContaining({ route: '/sign-in', action: '?/signIn' }));

  const credentials = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8')) as Array<{ role: string; email: string; password: string }>;
  const sessions: Session[] = [
    { label: 'visitor' },
    ...credentials
      .filter((c) => c.role === 'member' || c.role === 'coordinator')
      .map((c) => ({ label: c.role, credentials: { email: c.email, password: c.password } }))
  ];
  for (const session of sessions) if (session.credentials) session.cookie = await signIn(session.credentials);

  // Real values for the dynamic segments, so the actions reach the API.
  const member = sessions.find((s) => s.label === 'member')!;
  const mine = (await (await fetch(`${hub!.url}/api/me/organisations`, { headers: { cookie: member.cookie! } })).json()) as {
    memberships: Array<{ organisation: { id: string; slug: string } }>;
  };
  const newest = (await (await fetch(`${hub!.url}/api/organisations/newest`)).json()) as { items: Array<{ id: string; slug: string }> };
  const orgs = [...mine.memberships.map((m) => m.organisation), ...newest.items];
  expect(orgs.length).toBeGreaterThan(0);
  const fill = (route: string, pick: number) =>
    route
      .replace('[slug]', orgs[pick % orgs.length].slug)
      .replace('[id]', orgs[pick % orgs.length].id)
      .replace('[token]', 'a'.repeat(32));

  let requests = 0;
  const failures: string[] = [];
  for (const target of targets) {
    await fc.assert(
      fc.asyncProperty(fc.record({ body: bodyFor(target.fields), who: fc.nat(sessions.length - 1), pick: fc.nat() }), async ({ body, who, pick }) => {
        const session = sessions[who];
        const path = `${fill(target.route, pick)}${target.action}`;
        const response = await fetch(`${hub!.url}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            origin: hub!.url,
            accept: 'text/html',
            ...(session.cookie ? { cookie: session.cookie } : {}),
            ...(body.contentType ? { 'content-type': body.contentType } : {})
          },
          body: body.payload ? new Uint8Array(body.payload) : undefined
        });
        await response.arrayBuffer();
        requests++;
        if (response.status >= 500) failures.push(`${session.label} ${body.kind}: POST ${path} → ${response.status}`);
        // Sign-out, ending a session or changing a password may end the session: sign in again.
        if (session.credentials && /sign-out|endSession|password/.test(path)) session.cookie = await signIn(session.credentials);
        return response.status < 500;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true }
    ).catch(() => {
      // Recorded in failures; the other actions still run.
    });
  }
  console.log(`Form fuzz: ${requests} posts over ${targets.length} form actions (seed ${SEED}), ${failures.length} answered 5xx`);
  expect(failures).toEqual([]);
  expect(requests).toBe(targets.length * RUNS);
});

test('a `next` beyond Latin-1 and unreadable posts get 4xx pages, not 500', async () => {
  const visitor = { origin: hub!.url, accept: 'text/html' };
  const signInPage = await fetch(`${hub!.url}/sign-in?next=${encodeURIComponent('/organisations/ção')}`, { headers: visitor, redirect: 'manual' });
  expect(signInPage.status).toBe(200);
  expect(await signInPage.text()).toContain('value="/organisations/%C3%A7%C3%A3o"');

  const language = await fetch(`${hub!.url}/language`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: `locale=pt&next=${encodeURIComponent('/日本')}`
  });
  expect(language.status).toBe(303);
  expect(language.headers.get('location')).toBe('/%E6%97%A5%E6%9C%AC');

  for (const [contentType, body] of [
    [undefined, 'locale=pt'],
    ['text/plain', 'locale=pt'],
    ['multipart/form-data; boundary=cut', '--cut\r\nContent-Disposition: form-data; name="locale"\r\n\r\npt']
  ] as const) {
    const response = await fetch(`${hub!.url}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...visitor, 'accept-language': 'pt-BR', ...(contentType ? { 'content-type': contentType } : {}) },
      body
    });
    expect(response.status, `${contentType}`).toBe(400);
    expect(await response.text()).toContain('Não conseguimos ler o formulário');
  }

  const action = await fetch(`${hub!.url}/sign-in?/signIn`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...visitor, 'accept-language': 'en', 'content-type': 'multipart/form-data; boundary=cut' },
    body: '--cut\r\nContent-Disposition: form-data; name="email"\r\n\r\nana@example.org'
  });
  expect(action.status).toBe(400);
  expect(await action.text()).toContain('We could not read the form');
});
