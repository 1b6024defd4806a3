import { describe, expect, it } from 'vitest';
import { escapeFilterValue, filterAll, filterEquals, filterIn } from './filters';

describe('Meilisearch filter helpers', () => {
  it('quotes values and escapes backslashes and double quotes', () => {
    expect(escapeFilterValue('BR')).toBe('"BR"');
    expect(escapeFilterValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(escapeFilterValue('C:\\path\\')).toBe('"C:\\\\path\\\\"');
    expect(escapeFilterValue(42)).toBe('"42"');
    expect(escapeFilterValue(true)).toBe('"true"');
  });

  it('keeps an injection attempt inside one literal value', () => {
    const hostile = 'ngo" OR visibility = "private';
    expect(filterEquals('type', hostile)).toBe('type = "ngo\\" OR visibility = \\"private"');
    // A trailing backslash cannot swallow the closing quote either.
    expect(filterEquals('type', 'ngo\\')).toBe('type = "ngo\\\\"');
  });

  it('builds IN lists and joins clauses with AND', () => {
    expect(filterIn('country', ['BR', 'A"R'])).toBe('country IN ["BR", "A\\"R"]');
    expect(filterAll([filterEquals('lang', 'es'), undefined, false, filterIn('theme', ['rental'])])).toBe(
      '(lang = "es") AND (theme IN ["rental"])'
    );
    expect(filterAll([undefined])).toBeUndefined();
  });

  it('refuses what cannot be expressed safely', () => {
    expect(() => filterIn('country', [])).toThrow(RangeError);
    expect(() => filterEquals('type = "x" OR a', 'b')).toThrow(TypeError);
    expect(() => escapeFilterValue(Number.NaN)).toThrow(TypeError);
    expect(filterEquals('address.country', 'BR')).toBe('address.country = "BR"');
  });
});
