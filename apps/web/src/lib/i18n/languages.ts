import type { Locale } from '@mutirao/shared/locales';

const namers = new Map<Locale, Intl.DisplayNames>();

/**
 * A language's name in the reader's language ("quechua", "Quéchua", "Quechua"). One
 * Intl.DisplayNames per locale, built once: building one per name printed was most of
 * a directory render's CPU for country names.
 */
export function languageName(code: string, locale: Locale): string {
  let namer = namers.get(locale);
  if (!namer) {
    namer = new Intl.DisplayNames([locale], { type: 'language' });
    namers.set(locale, namer);
  }
  const name = namer.of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
