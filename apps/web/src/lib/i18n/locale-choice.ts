import { baseLocale, isLocale, localeFromAcceptLanguage, type Locale } from '@mutirao/shared/locales';

/** The person's saved language, else the language cookie, else the browser's, else Spanish. */
export function chooseLocale(
  saved: string | null | undefined,
  cookie: string | undefined,
  acceptLanguage: string | null
): Locale {
  if (isLocale(saved)) return saved;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? baseLocale;
}

/**
 * The time zone dates are shown in: the IANA zone the browser reported in the `tz`
 * cookie, when the runtime knows it; otherwise UTC (the first page a visitor sees,
 * or a browser without JavaScript), and the formatted dates then say "UTC".
 */
export function chooseTimeZone(cookie: string | undefined): string {
  if (!cookie || cookie.length > 64) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en', { timeZone: cookie }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}
