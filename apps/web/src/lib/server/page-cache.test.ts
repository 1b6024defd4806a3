import { describe, expect, it } from 'vitest';
import { PageCache, isCacheablePath, keepable, responseFrom, type CachedPage } from './page-cache';

const page = (text: string): CachedPage => ({ status: 200, headers: [['content-type', 'text/html']], body: new TextEncoder().encode(text) });
const text = (p: CachedPage | undefined) => (p ? new TextDecoder().decode(p.body) : undefined);

describe('the visitors’ page cache', () => {
  it('serves a page while it is young and nothing changed', () => {
    let now = 1_000;
    const cache = new PageCache(10_000, 10, () => now);
    cache.set('/library', 7, 7, page('a'));
    now += 9_999;
    expect(text(cache.get('/library', 7))).toBe('a');
    now += 1;
    expect(cache.get('/library', 7)).toBeUndefined();
  });

  it('drops a page once anything changed (the epoch moved)', () => {
    const cache = new PageCache(10_000, 10, () => 0);
    cache.set('/events', 3, 3, page('before'));
    expect(cache.get('/events', 4)).toBeUndefined();
    // Gone for good: the old epoch does not bring it back.
    expect(cache.get('/events', 3)).toBeUndefined();
  });

  it('does not keep a page rendered while something changed', () => {
    const cache = new PageCache(10_000, 10, () => 0);
    cache.set('/discussions', 5, 6, page('maybe stale'));
    expect(cache.get('/discussions', 5)).toBeUndefined();
    expect(cache.get('/discussions', 6)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds at most its size, letting the least recently used go', () => {
    const cache = new PageCache(10_000, 2, () => 0);
    cache.set('a', 1, 1, page('a'));
    cache.set('b', 1, 1, page('b'));
    cache.get('a', 1);
    cache.set('c', 1, 1, page('c'));
    expect(text(cache.get('a', 1))).toBe('a');
    expect(cache.get('b', 1)).toBeUndefined();
    expect(text(cache.get('c', 1))).toBe('c');
  });

  it('covers the public sections only, never token or account pages', () => {
    for (const path of ['/', '/library', '/library/informe-2024', '/events/abc', '/discussions', '/organisations/techo']) {
      expect(isCacheablePath(path), path).toBe(true);
    }
    for (const path of ['/unsubscribe/t0ken', '/reset-password', '/verify-email', '/account', '/sign-in', '/people', '/librarything', '/admin']) {
      expect(isCacheablePath(path), path).toBe(false);
    }
  });
});

describe('what of a response may be kept', () => {
  it('keeps a 200 without cookies, and the answer still reads in full', async () => {
    const kept = await keepable(new Response('<p>hola</p>', { headers: { 'content-type': 'text/html', etag: '"x"' } }), 'PARAGLIDE_LOCALE');
    expect(kept).toBeDefined();
    expect(await kept!.response.text()).toBe('<p>hola</p>');
    expect(await responseFrom(kept!.page).text()).toBe('<p>hola</p>');
    expect(responseFrom(kept!.page).headers.get('etag')).toBe('"x"');
  });

  it('keeps the page without the language cookie, and the answer keeps it', async () => {
    const response = new Response('x', { headers: { 'set-cookie': 'PARAGLIDE_LOCALE=pt; Path=/' } });
    const kept = await keepable(response, 'PARAGLIDE_LOCALE');
    expect(kept!.page.headers.map(([name]) => name)).not.toContain('set-cookie');
    expect(kept!.response.headers.getSetCookie()).toEqual(['PARAGLIDE_LOCALE=pt; Path=/']);
  });

  it('keeps nothing personal: another cookie, a private page, an error', async () => {
    expect(await keepable(new Response('x', { headers: { 'set-cookie': 'mutirao_session=abc; Path=/' } }), 'PARAGLIDE_LOCALE')).toBeUndefined();
    expect(await keepable(new Response('x', { headers: { 'cache-control': 'private, no-store' } }), 'PARAGLIDE_LOCALE')).toBeUndefined();
    expect(await keepable(new Response('x', { status: 404 }), 'PARAGLIDE_LOCALE')).toBeUndefined();
    expect(await keepable(new Response(null, { status: 303, headers: { location: '/sign-in' } }), 'PARAGLIDE_LOCALE')).toBeUndefined();
  });
});
