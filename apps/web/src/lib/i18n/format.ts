import type { Locale } from '@mutirao/shared/locales';
import { dateTimeFormat } from './intl-cache';

/**
 * The regional variants used for Intl formatting and names: Latin American Spanish and
 * Brazilian Portuguese are what most of the hub's readers expect.
 */
const intlLocales: Record<Locale, string> = { es: 'es-419', pt: 'pt-BR', en: 'en' };

export function intlLocale(locale: Locale): string {
  return intlLocales[locale];
}

/** A date and time in the reader's language and time zone, with the zone named. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(intlLocale(locale), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short'
  }).format(new Date(iso));
}

/** A calendar date in the reader's language and time zone. */
export function formatDate(iso: string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }).format(new Date(iso));
}
