import { describe, expect, it } from 'vitest';
import { chooseLocale, chooseTimeZone } from './locale-choice';

describe('chooseLocale', () => {
  it("puts the account's saved language first", () => {
    expect(chooseLocale('en', 'pt', 'es-AR,es;q=0.9')).toBe('en');
  });

  it('then the language cookie, then Accept-Language, then Spanish', () => {
    expect(chooseLocale(null, 'pt', 'en-US')).toBe('pt');
    expect(chooseLocale(undefined, undefined, 'fr-FR, pt-BR;q=0.8, en;q=0.5')).toBe('pt');
    expect(chooseLocale(undefined, 'de', 'fr-FR')).toBe('es');
    expect(chooseLocale(undefined, undefined, null)).toBe('es');
  });
});

describe('chooseTimeZone', () => {
  it('keeps a zone the runtime knows and falls back to UTC otherwise', () => {
    expect(chooseTimeZone('America/Sao_Paulo')).toBe('America/Sao_Paulo');
    expect(chooseTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(chooseTimeZone(undefined)).toBe('UTC');
    expect(chooseTimeZone('x'.repeat(65))).toBe('UTC');
  });
});
