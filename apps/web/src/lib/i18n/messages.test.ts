import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locales } from '@mutirao/shared/locales';
import { organisationTypes, resourceTypes, themes } from '@mutirao/shared/taxonomy';

type Catalogue = Record<string, unknown>;

const catalogues = Object.fromEntries(
  locales.map((locale) => {
    const file = fileURLToPath(new URL(`../../../messages/${locale}.json`, import.meta.url));
    const { $schema: _schema, ...messages } = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
    return [locale, messages];
  })
) as Record<(typeof locales)[number], Catalogue>;

/** The {placeholders} of a message, ignoring escaped braces (\{ and \}). */
function params(message: string): string[] {
  const names = [...message.replace(/\\[{}]/g, '').matchAll(/\{\s*([A-Za-z_][\w]*)\s*\}/g)].map((match) => match[1]);
  return [...new Set(names)].sort();
}

const allKeys = [...new Set(Object.values(catalogues).flatMap((messages) => Object.keys(messages)))].sort();

describe('message catalogues', () => {
  it('are flat maps of snake_case keys to strings', () => {
    for (const [locale, messages] of Object.entries(catalogues)) {
      for (const [key, value] of Object.entries(messages)) {
        expect(key, `${locale}: ${key}`).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
        expect(typeof value, `${locale}.${key} is not a string`).toBe('string');
      }
    }
  });

  it.each(locales)('%s has every key, none empty', (locale) => {
    const messages = catalogues[locale];
    const missing = allKeys.filter((key) => !(key in messages));
    const empty = allKeys.filter((key) => key in messages && String(messages[key]).trim() === '');
    expect({ missing, empty }, `${locale}.json`).toEqual({ missing: [], empty: [] });
  });

  it('use the same {params} in every language', () => {
    const differing: string[] = [];
    for (const key of allKeys) {
      const expected = params(String(catalogues.es[key] ?? ''));
      for (const locale of locales) {
        const actual = params(String(catalogues[locale][key] ?? ''));
        if (actual.join(',') !== expected.join(',')) {
          differing.push(`${key}: es {${expected.join(', ')}} vs ${locale} {${actual.join(', ')}}`);
        }
      }
    }
    expect(differing).toEqual([]);
  });

  it('label every taxonomy code', () => {
    const needed = [
      ...themes.map((code) => `theme_${code}`),
      ...organisationTypes.map((code) => `org_type_${code}`),
      ...resourceTypes.map((code) => `resource_type_${code}`)
    ];
    expect(needed.filter((key) => !allKeys.includes(key))).toEqual([]);
  });
});
