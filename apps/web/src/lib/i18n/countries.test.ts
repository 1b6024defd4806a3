import { describe, expect, it } from 'vitest';
import { countryName, countryOptions } from './countries';

describe('countryName', () => {
  it("names a country in the reader's language and falls back to the code", () => {
    expect(countryName('BR', 'pt')).toBe('Brasil');
    expect(countryName('DE', 'es')).toBe('Alemania');
    expect(countryName('DE', 'en')).toBe('Germany');
    // Reusing the cached formatter must not leak one locale's names into another.
    expect(countryName('DE', 'pt')).toBe('Alemanha');
    expect(countryName('not a code', 'en')).toBe('not a code');
  });
});

describe('countryOptions', () => {
  it('lists the region first, each group sorted, and returns the same lists per locale', () => {
    const es = countryOptions('es');
    expect(es.region.map((o) => o.code)).toContain('BR');
    expect(es.other.map((o) => o.code)).not.toContain('BR');
    const names = es.region.map((o) => o.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('es').compare));
    expect(countryOptions('es')).toBe(es);
    expect(countryOptions('en')).not.toBe(es);
    expect(countryOptions('en').region.find((o) => o.code === 'BR')?.name).toBe('Brazil');
  });
});
