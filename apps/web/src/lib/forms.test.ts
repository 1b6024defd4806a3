import { describe, expect, it } from 'vitest';
import { Password, SignUpBody, SUSPENSION_REASON_MAX, UpdateProfileBody } from '@mutirao/shared';
import { limits, localPath } from './forms';

describe('limits', () => {
  it('match the API schemas', () => {
    expect(limits.passwordMin).toBe(Password.minLength);
    expect(limits.passwordMax).toBe(Password.maxLength);
    expect(limits.name).toBe(SignUpBody.properties.name.maxLength);
    expect(limits.email).toBe(SignUpBody.properties.email.maxLength);
    expect(limits.organisationName).toBe(SignUpBody.properties.organisationName.maxLength);
    expect(limits.bio).toBe(UpdateProfileBody.properties.bio.anyOf[0].maxLength);
    expect(limits.suspensionReason).toBe(SUSPENSION_REASON_MAX);
  });
});

describe('localPath', () => {
  it('keeps paths on this hub', () => {
    expect(localPath('/account')).toBe('/account');
    expect(localPath('/discussions?page=2#top')).toBe('/discussions?page=2#top');
  });

  it('refuses anything that could leave the hub', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'account', '/ok\\..', '/a\nb', '']) {
      expect(localPath(bad)).toBe('/');
    }
    expect(localPath(null, '/account')).toBe('/account');
  });
});

describe('localPath and the Location header', () => {
  it('percent-encodes characters a header cannot carry, and refuses a lone surrogate', () => {
    expect(localPath('/organisations/ção?q=São Paulo')).toBe('/organisations/%C3%A7%C3%A3o?q=S%C3%A3o Paulo');
    expect(localPath('/a%20b/€')).toBe('/a%20b/%E2%82%AC');
    expect(localPath('/x\ud800')).toBe('/');
    // Every answer fits a header: constructing one would throw otherwise.
    for (const next of ['/ção', '/日本', '/emoji/🏠', '/latin1/ÿ', '/del/\u007f']) {
      expect(() => new Headers({ location: localPath(next) })).not.toThrow();
      expect(localPath(next)).toMatch(/^[\u0020-\u007e]+$/);
    }
  });
});
