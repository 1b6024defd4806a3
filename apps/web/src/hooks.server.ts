import type { Handle, HandleServerError } from '@sveltejs/kit';
import { api as contract } from '@mutirao/shared';
import { bridge, call, isOwnOrigin, sessionCookieNames } from '$lib/server/api';
import { refusedFormResponse } from '$lib/server/refused-form';
import { localeChosenThisVisit, localeCookieHeader, localeCookieName, rememberLocale, withLocale } from '$lib/server/locale';
import { PageCache, isCacheablePath, keepable, responseFrom } from '$lib/server/page-cache';
import { chooseLocale, chooseTimeZone } from '$lib/i18n/locale-choice';
import { guardFormReading } from '$lib/server/form-body';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Enough for every public page in three languages and a few zones; about 40 KB each. */
const PAGE_CACHE_ENTRIES = 500;
let pageCache: { cache: PageCache; epoch: () => number } | null | undefined;

/** The visitors' page cache, when the API runs in this process and has it on (PAGE_CACHE_SECONDS). */
function visitorPageCache() {
  if (pageCache !== undefined) return pageCache;
  const settings = bridge()?.pageCache;
  // Under `vite dev` there is no bridge yet on the first requests: ask again later.
  if (!settings) return null;
  pageCache = settings.seconds > 0 ? { cache: new PageCache(settings.seconds * 1000, PAGE_CACHE_ENTRIES), epoch: () => settings.epoch() } : null;
  return pageCache;
}

/**
 * A visitor's GET of a public page may be answered from the page cache
 * (lib/server/page-cache.ts): the same address, language and time zone, nothing changed
 * since it was rendered, and younger than PAGE_CACHE_SECONDS.
 */
export const handle: Handle = async (input) => {
  const { event } = input;
  const cached = event.request.method === 'GET' && isCacheablePath(event.url.pathname) ? visitorPageCache() : null;
  if (!cached || sessionCookieNames.some((name) => event.cookies.get(name))) return handlePage(input);

  const locale = chooseLocale(undefined, event.cookies.get(localeCookieName), event.request.headers.get('accept-language'), localeChosenThisVisit(event.cookies));
  const key = `${event.url.href}\n${locale}\n${chooseTimeZone(event.cookies.get('tz'))}`;
  const epoch = cached.epoch();
  const hit = cached.cache.get(key, epoch);
  if (hit) {
    const response = responseFrom(hit);
    if (event.cookies.get(localeCookieName) !== locale) {
      response.headers.append('set-cookie', localeCookieHeader(event.cookies, locale, event.url.protocol === 'https:'));
    }
    response.headers.set('X-Page-Cache', 'hit');
    return response;
  }
  const response = await handlePage(input);
  const kept = await keepable(response, localeCookieName);
  if (!kept) return response;
  cached.cache.set(key, epoch, cached.epoch(), kept.page);
  return kept.response;
};

/**
 * For every page request: who is signed in (GET /api/me, skipped for visitors without a
 * session cookie), which language to render, whether a form post comes from the hub's own
 * pages, and the security headers for the page.
 */
const handlePage: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  if (event.request.method === 'POST') guardFormReading(event.request);
  if (sessionCookieNames.some((name) => event.cookies.get(name))) {
    const me = await call(event, contract.getMe, {});
    if (me.ok) event.locals.user = me.data.user;
  }

  const locale = chooseLocale(
    event.locals.user?.locale,
    event.cookies.get(localeCookieName),
    event.request.headers.get('accept-language'),
    localeChosenThisVisit(event.cookies)
  );
  event.locals.locale = locale;
  event.locals.timeZone = chooseTimeZone(event.cookies.get('tz'));

  // SvelteKit's own form check is off (svelte.config.js): it compares with one origin only
  // and answers in raw English. This one applies the API's rule and answers in the person's language.
  if (!SAFE_METHODS.has(event.request.method) && !isOwnOrigin(event.request.headers.get('origin'), event.url.origin)) {
    return refusedFormResponse(event, locale);
  }
  if (event.cookies.get(localeCookieName) !== locale) {
    rememberLocale(event.cookies, locale, event.url.protocol === 'https:');
  }

  const response = await withLocale(locale, event.url.origin, () =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) })
  );

  // The CSP (with nonces) comes from kit.csp in svelte.config.js; these complete it.
  response.headers.set('X-Content-Type-Options', 'nosniff');
  // Other sites never see a path, so the tokens in /verify-email and /reset-password links stay
  // here. (Not a per-page <meta name=referrer>: it outlives client-side navigation, and Chrome
  // then sends `Origin: null` with every later form post, which the CSRF check refuses.)
  response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (event.locals.user || event.url.pathname.startsWith('/account')) {
    // Pages with personal data must not be kept by shared caches.
    response.headers.set('Cache-Control', 'private, no-store');
  }
  return response;
};

/** Unexpected errors are logged here and reach the page as a bare code: never internals. */
export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(`[web] ${event.request.method} ${event.url.pathname}`, error);
  return { message: status === 404 ? 'not_found' : 'internal_error' };
};
