import { describe, expect, it } from 'vitest';
import { logoSrc, logoSrcset } from './logo';

describe('logo addresses', () => {
  it('adds the size to the versioned URL and lists every size for srcset', () => {
    const url = '/api/organisations/techo-propio/logo?v=0123456789ab';
    expect(logoSrc(url, 128)).toBe('/api/organisations/techo-propio/logo?v=0123456789ab&size=128');
    expect(logoSrcset(url)).toBe(
      '/api/organisations/techo-propio/logo?v=0123456789ab&size=64 64w, ' +
        '/api/organisations/techo-propio/logo?v=0123456789ab&size=128 128w, ' +
        '/api/organisations/techo-propio/logo?v=0123456789ab&size=256 256w'
    );
    expect(logoSrc('/api/organisations/x/logo', 64)).toBe('/api/organisations/x/logo?size=64');
  });
});
