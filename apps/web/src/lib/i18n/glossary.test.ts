import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locales, type Locale } from '@mutirao/shared/locales';

// Variants the glossary (messages/README.md) refuses, per language. Each pattern names a word
// form, not a substring: "pesquisadores" (researchers) and "centros de pesquisa" are right.
const refused: Record<Locale, RegExp[]> = {
  // "hub" is the English name of the product; Spanish and Portuguese say "la/a plataforma".
  // A member (a person) is "integrante" in both, not "miembro"/"membro" (organisations are).
  es: [/\bhub\b/iu, /\bmiembro desde\b/iu, /\bconversaciones\b/iu, /\bpedidos? para unir/iu, /\bint[eé]nta(lo|le)? de nuevo\b/iu, /\bpuls(a|ar|e|ada)\b/iu],
  pt: [
    /\bhub\b/iu,
    /\bmembro desde\b/iu,
    /\borganizaç(ão|ões) membros?\b/iu,
    /\bconversas\b/iu,
    /\bpesquis(ar|e|ou|ando)\b/iu,
    /\btente novamente\b/iu,
    /\bpedir para entrar\b/iu,
    /\bpedidos? para entrar\b/iu,
    /\bpap(el|éis)\b/iu,
    /\bmud(ar|e|ou|ando)\b/iu
  ],
  en: [/\bconversations\b/iu]
};

function catalogue(locale: Locale): Record<string, string> {
  const file = fileURLToPath(new URL(`../../../messages/${locale}.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

describe('glossary', () => {
  it.each(locales)('%s.json uses none of the refused variants', (locale) => {
    const found = Object.entries(catalogue(locale)).flatMap(([key, text]) =>
      refused[locale].filter((pattern) => pattern.test(text)).map((pattern) => `${key}: ${String(pattern)}`)
    );
    expect(found).toEqual([]);
  });

  it('catches a refused variant', () => {
    // Guards the patterns themselves: a typo in one would make the test above pass vacuously.
    expect(refused.pt.some((p) => p.test('Tente novamente'))).toBe(true);
    expect(refused.pt.some((p) => p.test('Mudar papel'))).toBe(true);
    expect(refused.pt.some((p) => p.test('pesquisadores e centros de pesquisa'))).toBe(false);
    expect(refused.es.some((p) => p.test('Pedidos para unirse'))).toBe(true);
    expect(refused.es.some((p) => p.test('Súmate al hub'))).toBe(true);
    expect(refused.pt.some((p) => p.test('Novas organizações membro'))).toBe(true);
    expect(refused.pt.some((p) => p.test('Novas organizações-membro'))).toBe(false);
    expect(refused.pt.some((p) => p.test('Participe do hub'))).toBe(true);
    expect(refused.es.some((p) => p.test('Miembro desde el 3 de mayo'))).toBe(true);
    expect(refused.es.some((p) => p.test('organizaciones miembro'))).toBe(false);
  });
});
