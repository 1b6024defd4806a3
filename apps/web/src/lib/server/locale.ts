import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cookies } from '@sveltejs/kit';
import type { Locale } from '@mutirao/shared/locales';
import { cookieMaxAge, cookieName, overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime';

type ParaglideStore = { locale?: Locale; origin?: string; messageCalls?: Set<string> };

/**
 * Paraglide's message functions read the request's locale from this store. We fill it
 * ourselves instead of using paraglideMiddleware, because the choice depends on the
 * signed-in person's saved preference, which paraglide's strategies cannot see.
 */
const storage = new AsyncLocalStorage<ParaglideStore>();
overwriteServerAsyncLocalStorage(storage);

export function withLocale<T>(locale: Locale, origin: string, render: () => T): T {
  return storage.run({ locale, origin, messageCalls: new Set() }, render);
}

/** The browser runtime reads the same cookie, so client rendering agrees with the server. */
export function rememberLocale(cookies: Cookies, locale: Locale, secure: boolean) {
  cookies.set(cookieName, locale, localeCookieOptions(secure));
}

/** The same cookie as a header, for a response SvelteKit did not render (a kept visitor page). */
export function localeCookieHeader(cookies: Cookies, locale: Locale, secure: boolean): string {
  return cookies.serialize(cookieName, locale, localeCookieOptions(secure));
}

function localeCookieOptions(secure: boolean) {
  return { path: '/', maxAge: cookieMaxAge, sameSite: 'lax', httpOnly: false, secure } as const;
}

export const localeCookieName = cookieName;

/**
 * Set by the language switcher, without an expiry: it lasts while the browser session does,
 * which is what "chosen in this visit" means. The locale cookie alone cannot tell, because
 * every render rewrites it to the language it rendered in.
 */
export const localeChosenCookieName = 'locale_chosen';

export function rememberLocaleChosen(cookies: Cookies, secure: boolean) {
  cookies.set(localeChosenCookieName, '1', { path: '/', sameSite: 'lax', httpOnly: true, secure });
}

export function localeChosenThisVisit(cookies: Cookies): boolean {
  return cookies.get(localeChosenCookieName) === '1';
}
