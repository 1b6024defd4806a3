import { expect, test, type Page } from '@playwright/test';
import { createVerifiedAccount, password, signedInPage } from './support/accounts';

/**
 * What Lighthouse's accessibility and SEO audits check on the public pages, kept by a
 * test: every page describes itself (meta description) and its headings never skip a
 * level. And a deleted member's writing reads "former member" in the reader's language.
 */

/** The first link on `path` whose href matches `pattern`. */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((href) => pattern.test(href));
  expect(found, `a link matching ${pattern} on ${path}`).toBeTruthy();
  return found!;
}

test('every public page has a description and headings that never skip a level', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pages = [
    '/',
    '/organisations',
    await firstLink(page, '/organisations', /^\/organisations\/(?!mine$|new$|apply$)[^/?]+$/),
    '/discussions',
    await firstLink(page, '/discussions', /^\/discussions\/[0-9a-f-]{36}$/),
    '/events',
    await firstLink(page, '/events', /^\/events\/[0-9a-f-]{36}$/),
    '/library',
    await firstLink(page, '/library', /^\/library\/(?!new$|mine$|review$)[^/?]+$/),
    '/sign-in'
  ];
  pages.push(await firstLink(page, pages[4], /^\/people\/[0-9a-f-]{36}$/));
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const description = await page.locator('head meta[name="description"]').getAttribute('content');
    expect(description?.trim().length ?? 0, `${path}: meta description`).toBeGreaterThan(20);
    const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((headings) => headings.map((h) => Number(h.tagName[1])));
    expect(levels[0], `${path}: the first heading is the h1`).toBe(1);
    for (let i = 1; i < levels.length; i++) {
      expect(levels[i] - levels[i - 1], `${path}: heading ${i + 1} (h${levels[i]} after h${levels[i - 1]})`).toBeLessThanOrEqual(1);
    }
  }
  await context.close();
});

test("a deleted member's thread reads as by a former member, in the reader's language", async ({ browser, request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const leaving = await createVerifiedAccount(request, baseURL!, 'Lía Partida');
  const page = await signedInPage(browser, leaving);
  const created = await page.request.post('/api/threads', {
    headers: { origin },
    data: { kind: 'question', title: `¿Quién escribió esto? ${Date.now()}`, body: 'Una pregunta que queda.', theme: 'rental_housing', language: 'es' }
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()).thread as { id: string };
  const deleted = await page.request.post('/api/me/delete', { headers: { origin }, data: { password, confirm: true } });
  expect(deleted.status()).toBe(204);
  await page.context().close();

  for (const [locale, label] of [
    ['en-GB', 'Former member'],
    ['pt-BR', 'Ex-integrante'],
    ['es-AR', 'Ex-integrante']
  ] as const) {
    const context = await browser.newContext({ locale });
    const reader = await context.newPage();
    await reader.goto(`/discussions/${id}`);
    await expect(reader.locator('article').first()).toContainText(label);
    await expect(reader.locator('main')).not.toContainText('Lía Partida');
    if (locale === 'en-GB') await expect(reader.locator('main')).not.toContainText('Ex-integrante');
    await context.close();
  }
});

test('without JavaScript, at 127.0.0.1, event cards name the time zone their times are in', async ({ browser, baseURL }) => {
  // No script has reported the reader's zone yet, so times are in UTC: a card must say so.
  const loopback = baseURL!.replace('localhost', '127.0.0.1');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 700 }, locale: 'pt-BR' });
  const page = await context.newPage();
  await page.goto(`${loopback}/events`);
  const times = await page.locator('.event-card .when').allTextContents();
  expect(times.length).toBeGreaterThan(0);
  for (const time of times) expect(time).toMatch(/UTC$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await context.close();
});

test('on a phone the library list fetches no covers: the type icons stand in', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const covers: string[] = [];
  page.on('request', (request) => {
    if (/\/api\/library\/resources\/[^/]+\/cover/.test(request.url())) covers.push(request.url());
  });
  await page.goto('/library');
  await page.locator('.hit').last().scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  expect(covers).toEqual([]);
  await expect(page.locator('.hit .cover-icon svg').first()).toBeVisible();
  // A wide screen still shows them.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.locator('.hit img.cover-image').first()).toBeVisible();
  await expect.poll(() => covers.length).toBeGreaterThan(0);
  await context.close();
});
