import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { createVerifiedAccount, password } from './support/accounts';

/**
 * The visitors' page cache (apps/web/src/lib/server/page-cache.ts): a public page asked
 * for again by a visitor, with nothing changed in between, is the same response (same
 * CSP nonce, same bytes) without a render; a write renders it afresh; a signed-in reader
 * and another language never get a visitor's kept page.
 */

const nonceOf = (response: APIResponse) => /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];

async function visitor(baseURL: string, language = 'es'): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'accept-language': language } });
}

/**
 * A render by one visitor, then the same page for another. Background work (a search
 * update, a job's live event) may land between the two and rightly force a new render,
 * so this asks again until the pair shows the kept page, a few times at most.
 */
async function renderedThenKept(one: APIRequestContext, other: () => Promise<APIRequestContext>, path: string) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const rendered = await one.get(path);
    expect(rendered.status()).toBe(200);
    const kept = await (await other()).get(path);
    if (kept.headers()['x-page-cache'] === 'hit') return { rendered, kept };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${path} was never served from the page cache`);
}

test('a visitor’s second look at a public page is the kept response, until something changes', async ({ baseURL }) => {
  const first = await visitor(baseURL!);
  const others: APIRequestContext[] = [];
  // Each time a visitor new to the hub: no language cookie yet.
  const newVisitor = async () => {
    others.push(await visitor(baseURL!));
    return others.at(-1)!;
  };
  const { rendered, kept } = await renderedThenKept(first, newVisitor, '/library');
  expect(nonceOf(kept)).toBe(nonceOf(rendered));
  expect(await kept.text()).toBe(await rendered.text());
  // A visitor with no language cookie yet still gets one with the kept page.
  expect(kept.headers()['set-cookie']).toMatch(/PARAGLIDE_LOCALE=es/);

  // Any write renders it afresh: here a refused sign-in, which changes nothing but is a POST.
  const refused = await first.post('/api/auth/sign-in', { headers: { origin: new URL(baseURL!).origin }, data: { email: 'nobody@example.org', password: 'not it at all' } });
  expect(refused.status()).toBe(401);
  const afterWrite = await (await newVisitor()).get('/library');
  expect(afterWrite.headers()['x-page-cache']).toBeUndefined();
  expect(nonceOf(afterWrite)).not.toBe(nonceOf(rendered));

  // Another language is another page.
  const english = await visitor(baseURL!, 'en');
  const inEnglish = await english.get('/library');
  expect(inEnglish.headers()['x-page-cache']).toBeUndefined();
  expect(await inEnglish.text()).toContain('lang="en"');
  await Promise.all([first, english, ...others].map((context) => context.dispose()));
});

test('a signed-in reader never gets a visitor’s kept page, and pages outside the public sections are never kept', async ({ request, baseURL }) => {
  const account = await createVerifiedAccount(request, baseURL!, 'Lectora con sesión');
  const member = await playwrightRequest.newContext({ baseURL });
  expect((await member.post('/api/auth/sign-in', { headers: { origin: new URL(baseURL!).origin }, data: { email: account.email, password } })).status()).toBe(200);
  const anyone = await visitor(baseURL!);

  const { kept: asVisitor } = await renderedThenKept(anyone, async () => anyone, '/events');
  const asMember = await member.get('/events');
  expect(asMember.headers()['x-page-cache']).toBeUndefined();
  expect(nonceOf(asMember)).not.toBe(nonceOf(asVisitor));
  // The member's own page is theirs alone.
  expect(asMember.headers()['cache-control']).toMatch(/no-store/);

  await anyone.get('/sign-in');
  expect((await anyone.get('/sign-in')).headers()['x-page-cache']).toBeUndefined();
  await Promise.all([member.dispose(), anyone.dispose()]);
});
