import { countries, regionCountries } from '@mutirao/shared/taxonomy';
import type { Locale } from '@mutirao/shared/locales';
import { intlLocale } from './format';

export interface CountryOption {
  code: string;
  name: string;
}

export interface CountryOptions {
  readonly region: readonly CountryOption[];
  readonly other: readonly CountryOption[];
}

const region = new Set<string>(regionCountries);

// Building an Intl.DisplayNames loads locale data and costs far more than a lookup: a
// directory page printing one name per card spent most of its render time here. There are
// three locales, so one instance each (and one sorted picker list each) lives for the process.
const displayNames = new Map<Locale, Intl.DisplayNames | null>();
const optionsByLocale = new Map<Locale, CountryOptions>();

function namesFor(locale: Locale): Intl.DisplayNames | null {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([intlLocale(locale)], { type: 'region' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  return names;
}

// And each `of` call is an ICU look-up too (a tenth of a directory render, under load, with
// one name per card and per facet): the names are kept once read, per locale. At most the
// ~250 codes in three locales, plus whatever malformed code stored data holds.
const nameCache = new Map<Locale, Map<string, string>>();

/** The country's name in the reader's language (Intl.DisplayNames), or its code. */
export function countryName(code: string, locale: Locale): string {
  let names = nameCache.get(locale);
  if (!names) nameCache.set(locale, (names = new Map()));
  let name = names.get(code);
  if (name === undefined) {
    try {
      name = namesFor(locale)?.of(code) ?? code;
    } catch {
      // `of` throws on a malformed code (stored data from before validation): show the code.
      name = code;
    }
    names.set(code, name);
  }
  return name;
}

/**
 * Countries for a picker: Latin America and the Caribbean first, each group in alphabetical
 * order. The lists are shared between renders, so they are frozen.
 */
export function countryOptions(locale: Locale): CountryOptions {
  const cached = optionsByLocale.get(locale);
  if (cached) return cached;
  const collator = new Intl.Collator(intlLocale(locale));
  const byName = (a: CountryOption, b: CountryOption) => collator.compare(a.name, b.name);
  const options = countries.map((code) => Object.freeze({ code, name: countryName(code, locale) }));
  const built: CountryOptions = Object.freeze({
    region: Object.freeze(options.filter((o) => region.has(o.code)).sort(byName)),
    other: Object.freeze(options.filter((o) => !region.has(o.code)).sort(byName))
  });
  optionsByLocale.set(locale, built);
  return built;
}
