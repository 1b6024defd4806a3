import { describe, expect, it } from 'vitest';
import { Password, SignUpBody, UpdateProfileBody } from '@mutirao/shared';
import { limits, localPath } from './forms';

describe('limits', () => {
  it('match the API schemas', () => {
    expect(limits.passwordMin).toBe(Password.minLength);
    expect(limits.passwordMax).toBe(Password.maxLength);
    expect(limits.name).toBe(SignUpBody.properties.name.maxLength);
    expect(limits.email).toBe(SignUpBody.properties.email.maxLength);
    expect(limits.organisationName).toBe(SignUpBody.properties.organisationName.maxLength);
    expect(limits.bio).toBe(UpdateProfileBody.properties.bio.anyOf[0].maxLength);
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
