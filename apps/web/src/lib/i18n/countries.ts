import { countries, regionCountries } from '@mutirao/shared/taxonomy';
import type { Locale } from '@mutirao/shared/locales';
import { intlLocale } from './format';

export interface CountryOption {
  code: string;
  name: string;
}

const region = new Set<string>(regionCountries);

/** The country's name in the reader's language (Intl.DisplayNames), or its code. */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Countries for a picker: Latin America and the Caribbean first, each group in alphabetical order. */
export function countryOptions(locale: Locale): { region: CountryOption[]; other: CountryOption[] } {
  const names = new Intl.DisplayNames([intlLocale(locale)], { type: 'region' });
  const collator = new Intl.Collator(intlLocale(locale));
  const byName = (a: CountryOption, b: CountryOption) => collator.compare(a.name, b.name);
  const options = countries.map((code) => ({ code, name: names.of(code) ?? code }));
  return {
    region: options.filter((o) => region.has(o.code)).sort(byName),
    other: options.filter((o) => !region.has(o.code)).sort(byName)
  };
}
