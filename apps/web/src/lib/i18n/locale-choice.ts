import { baseLocale, isLocale, localeFromAcceptLanguage, type Locale } from '@mutirao/shared/locales';

/**
 * The language to render: one chosen with the switcher in this visit, else the person's
 * saved language, else the language cookie, else the browser's, else Spanish.
 * `chosenThisVisit` says the cookie was set by the switcher in this browser session (not by
 * an earlier render): then it wins over the account, which the sign-in saves it to.
 */
export function chooseLocale(
  saved: string | null | undefined,
  cookie: string | undefined,
  acceptLanguage: string | null,
  chosenThisVisit = false
): Locale {
  if (chosenThisVisit && isLocale(cookie)) return cookie;
  if (isLocale(saved)) return saved;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? baseLocale;
}

/** The language to save to the account at sign-in: the switcher's choice of this visit, if any. */
export function localeToSaveAtSignIn(cookie: string | undefined, chosenThisVisit: boolean): Locale | undefined {
  return chosenThisVisit && isLocale(cookie) ? cookie : undefined;
}

/**
 * The time zone dates are shown in: the IANA zone the browser reported in the `tz`
 * cookie, when the runtime knows it; otherwise UTC (the first page a visitor sees,
 * or a browser without JavaScript), and the formatted dates then say "UTC".
 */
export function chooseTimeZone(cookie: string | undefined): string {
  if (!cookie || cookie.length > 64) return 'UTC';
  // Every signed-in page request carries the cookie: a formatter per request only to
  // check the zone was measurable, so the answer is kept (valid zones are a few hundred;
  // unknown ones are not kept, so a stream of made-up names cannot grow the map).
  const known = knownZones.get(cookie);
  if (known) return known;
  try {
    const zone = new Intl.DateTimeFormat('en', { timeZone: cookie }).resolvedOptions().timeZone;
    if (knownZones.size < 1000) knownZones.set(cookie, zone);
    return zone;
  } catch {
    return 'UTC';
  }
}
const knownZones = new Map<string, string>();
