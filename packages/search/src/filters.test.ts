import { describe, expect, it } from 'vitest';
import { escapeFilterValue, filterAll, filterEquals, filterIn } from './filters';

describe('Meilisearch filter helpers', () => {
  it('quotes values and escapes backslashes and double quotes', () => {
    expect(escapeFilterValue('BR')).toBe('"BR"');
    expect(escapeFilterValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(escapeFilterValue('C:\\path\\')).toBe('"C:\\\\path\\\\"');
    expect(escapeFilterValue(42)).toBe('"42"');
    expect(escapeFilterValue(-1.5)).toBe('"-1.5"');
    expect(escapeFilterValue(true)).toBe('"true"');
    expect(escapeFilterValue('')).toBe('""');
  });

  it('escapes a backslash before the quote that follows it, so neither can end the value early', () => {
    // Raw `\"`: escaping quotes first would give `\\"`, an escaped backslash and then a closing quote.
    expect(escapeFilterValue('\\"')).toBe('"\\\\\\""');
    expect(escapeFilterValue('"')).toBe('"\\""');
    expect(escapeFilterValue('\\')).toBe('"\\\\"');
    expect(escapeFilterValue('a""b\\\\c')).toBe('"a\\"\\"b\\\\\\\\c"');
  });

  it('leaves filter keywords and operators inside the quotes untouched', () => {
    // Unquoted, each of these is filter syntax (`TO`, `IN` and `IS` are also the country codes of Tonga, India and Iceland).
    for (const word of ['TO', 'IN', 'IS', 'NOT', 'OR', 'AND', 'EXISTS', 'NULL', 'EMPTY', 'CONTAINS']) {
      expect(escapeFilterValue(word)).toBe(`"${word}"`);
    }
    expect(escapeFilterValue('1 TO 9')).toBe('"1 TO 9"');
    expect(escapeFilterValue('x = y != z >= 1 < 2')).toBe('"x = y != z >= 1 < 2"');
    expect(escapeFilterValue("it's [a, b] (c)")).toBe('"it\'s [a, b] (c)"');
    expect(escapeFilterValue('línea\nnueva\ttab')).toBe('"línea\nnueva\ttab"');
  });

  it('keeps an injection attempt inside one literal value', () => {
    const hostile = 'ngo" OR visibility = "private';
    expect(filterEquals('type', hostile)).toBe('type = "ngo\\" OR visibility = \\"private"');
    // A trailing backslash cannot swallow the closing quote either.
    expect(filterEquals('type', 'ngo\\')).toBe('type = "ngo\\\\"');
    expect(filterEquals('type', 'NOT ngo')).toBe('type = "NOT ngo"');
  });

  it('quotes and escapes every value of an IN list', () => {
    expect(filterIn('country', ['BR', 'A"R'])).toBe('country IN ["BR", "A\\"R"]');
    expect(filterIn('country', ['TO', 'IN', 'NOT'])).toBe('country IN ["TO", "IN", "NOT"]');
    // A value that, pasted raw, would close the list and add a clause of its own.
    expect(filterIn('countries', ['ZZ"] OR hqCountry = "JM" OR countries IN ["ZZ'])).toBe(
      'countries IN ["ZZ\\"] OR hqCountry = \\"JM\\" OR countries IN [\\"ZZ"]'
    );
    expect(filterIn('countries', ['ZZ", "CO', 'x\\'])).toBe('countries IN ["ZZ\\", \\"CO", "x\\\\"]');
    expect(filterIn('year', [2024, 1999])).toBe('year IN ["2024", "1999"]');
    expect(filterIn('country', ['BR'])).toBe('country IN ["BR"]');
  });

  it('joins clauses with AND, each in parentheses, and drops the empty ones', () => {
    expect(filterAll([filterEquals('lang', 'es'), undefined, false, filterIn('theme', ['rental'])])).toBe(
      '(lang = "es") AND (theme IN ["rental"])'
    );
    // Parentheses keep an OR inside one clause from escaping into the others.
    expect(filterAll(['a = "1" OR b = "2"', null, '', 'c = "3"'])).toBe('(a = "1" OR b = "2") AND (c = "3")');
    expect(filterAll(['x = "1"'])).toBe('(x = "1")');
    expect(filterAll([undefined])).toBeUndefined();
    expect(filterAll(['', null, false])).toBeUndefined();
    expect(filterAll([])).toBeUndefined();
  });

  it('refuses what cannot be expressed safely', () => {
    expect(() => filterIn('country', [])).toThrow(new RangeError('filterIn(country) needs at least one value'));
    expect(() => escapeFilterValue(Number.NaN)).toThrow(new TypeError('filter value must be a finite number, got NaN'));
    expect(() => escapeFilterValue(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => filterEquals('type = "x" OR a', 'b')).toThrow(new TypeError('invalid filter attribute: "type = \\"x\\" OR a"'));
  });

  it('accepts plain and dotted attribute names and nothing else', () => {
    expect(filterEquals('address.country', 'BR')).toBe('address.country = "BR"');
    expect(filterEquals('_geo', 'x')).toBe('_geo = "x"');
    expect(filterEquals('hq_country2', 'BR')).toBe('hq_country2 = "BR"');
    expect(filterIn('a.b.c', ['BR'])).toBe('a.b.c IN ["BR"]');
    // Each of these would let the attribute carry syntax of its own.
    for (const bad of ['', '2fast', 'a b', 'a.', '.a', 'a..b', 'a-b', 'a=b', 'a"', 'type\n', ' type', 'type OR x']) {
      expect(() => filterEquals(bad, 'x'), bad).toThrow(TypeError);
      expect(() => filterIn(bad, ['x']), bad).toThrow(TypeError);
    }
  });
});
