import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './locales';
import { countries, regionCountries } from './taxonomy';

describe('localeFromAcceptLanguage', () => {
  it('matches regional variants on their language', () => {
    expect(localeFromAcceptLanguage('pt-BR,pt;q=0.9,en;q=0.8')).toBe('pt');
    expect(localeFromAcceptLanguage('es-419')).toBe('es');
  });

  it('honours q-values and skips languages the hub does not speak', () => {
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.5,es;q=0.7')).toBe('es');
    expect(localeFromAcceptLanguage('de;q=1, en;q=0')).toBeUndefined();
  });

  it('returns nothing for an empty or missing header', () => {
    expect(localeFromAcceptLanguage(undefined)).toBeUndefined();
    expect(localeFromAcceptLanguage('')).toBeUndefined();
    expect(localeFromAcceptLanguage('*')).toBeUndefined();
  });
});

describe('countries', () => {
  it('lists every ISO 3166-1 alpha-2 code once, Latin America and the Caribbean first', () => {
    expect(new Set(countries).size).toBe(countries.length);
    expect(countries.length).toBe(249);
    expect(countries.slice(0, regionCountries.length)).toEqual([...regionCountries]);
    // Every code has a name the viewer's language can show.
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of countries) expect(names.of(code), code).not.toBe(code);
  });
});
