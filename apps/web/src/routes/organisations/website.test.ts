import { describe, expect, it } from 'vitest';
import { normaliseWebsite } from './website';

describe('normaliseWebsite', () => {
  it('adds https:// to an address typed without it', () => {
    expect(normaliseWebsite('www.habitat.org.br')).toBe('https://www.habitat.org.br');
    expect(normaliseWebsite('  habitat.org.br/quem-somos ')).toBe('https://habitat.org.br/quem-somos');
    expect(normaliseWebsite('município.br/habitação')).toBe('https://município.br/habitação');
    expect(normaliseWebsite('//example.org')).toBe('https://example.org');
  });

  it('keeps an address that names its scheme, and empties to nothing', () => {
    expect(normaliseWebsite('http://old.example.org')).toBe('http://old.example.org');
    expect(normaliseWebsite('HTTPS://Example.org')).toBe('HTTPS://Example.org');
    // Other schemes are the API's to refuse, with its message.
    expect(normaliseWebsite('ftp://files.example.org')).toBe('ftp://files.example.org');
    expect(normaliseWebsite('   ')).toBeNull();
  });
});
