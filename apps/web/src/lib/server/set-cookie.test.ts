import { describe, expect, it } from 'vitest';
import { parseSetCookie } from './set-cookie';

describe('parseSetCookie', () => {
  it('reads the session cookie the API sets in production', () => {
    const parsed = parseSetCookie(
      '__Host-mutirao_session=abc123; Path=/; Expires=Wed, 01 Jan 2031 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax'
    );
    expect(parsed).toEqual({
      name: '__Host-mutirao_session',
      value: 'abc123',
      options: {
        path: '/',
        expires: new Date('2031-01-01T00:00:00Z'),
        httpOnly: true,
        secure: true,
        sameSite: 'lax'
      }
    });
  });

  it('keeps a dev cookie without Secure insecure, and reads a clearing Max-Age=0', () => {
    const parsed = parseSetCookie('mutirao_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
    expect(parsed?.value).toBe('');
    expect(parsed?.options.maxAge).toBe(0);
    expect(parsed?.options.secure).toBe(false);
  });

  it('keeps "=" inside values and refuses a header without a name', () => {
    expect(parseSetCookie('t=a=b; Path=/x')?.value).toBe('a=b');
    expect(parseSetCookie('t=a=b; Path=/x')?.options.path).toBe('/x');
    expect(parseSetCookie('=oops; Path=/')).toBeUndefined();
    expect(parseSetCookie('garbage')).toBeUndefined();
  });
});
