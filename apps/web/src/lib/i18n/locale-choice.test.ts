import { describe, expect, it } from 'vitest';
import { chooseLocale, chooseTimeZone, localeToSaveAtSignIn } from './locale-choice';

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

describe('a language chosen in this visit', () => {
  it("wins over the account's saved language", () => {
    expect(chooseLocale('es', 'en', 'es-AR', true)).toBe('en');
    // A cookie left by an earlier render does not count as a choice.
    expect(chooseLocale('es', 'en', 'es-AR', false)).toBe('es');
    // A tampered cookie is no choice at all.
    expect(chooseLocale('pt', 'xx', 'en', true)).toBe('pt');
  });

  it('is what the sign-in saves to the account, and only then', () => {
    expect(localeToSaveAtSignIn('en', true)).toBe('en');
    expect(localeToSaveAtSignIn('en', false)).toBeUndefined();
    expect(localeToSaveAtSignIn('xx', true)).toBeUndefined();
    expect(localeToSaveAtSignIn(undefined, true)).toBeUndefined();
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
