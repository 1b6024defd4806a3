import { describe, expect, it } from 'vitest';
import { isBodyTooLarge, logoRefusal } from './logo';

// Problems as apps/api/src/modules/organisations/organisations.logo.ts and the logo route send them.
const notAnImage = { code: 'invalid_logo', fields: [{ field: 'logo', code: 'not_an_image', message: '' }] };
const empty = { code: 'invalid_logo', fields: [{ field: 'logo', code: 'empty', message: '' }] };
const tooLarge = { code: 'logo_too_large', fields: [{ field: 'logo', code: 'too_large', message: '' }] };
const unsafe = { code: 'unsafe_logo', fields: [{ field: 'logo', code: 'unsafe_svg', message: 'it contains a script' }] };
const missing = { code: 'validation_failed', fields: [{ field: 'logo', code: 'required', message: '' }] };

describe('logoRefusal', () => {
  it('calls a file named or typed as an image whose bytes are not one a fake', () => {
    expect(logoRefusal(notAnImage, { name: 'logo.png', type: 'image/png' })).toBe('fake');
    expect(logoRefusal(notAnImage, { name: 'LOGO.JPG', type: '' })).toBe('fake');
    expect(logoRefusal(notAnImage, { name: 'logo', type: 'image/webp' })).toBe('fake');
  });

  it('calls any other refused file an unsupported format', () => {
    expect(logoRefusal(notAnImage, { name: 'logo.gif', type: 'image/gif' })).toBe('unsupported');
    expect(logoRefusal(notAnImage, { name: 'brochure.pdf', type: 'application/pdf' })).toBe('unsupported');
    expect(logoRefusal(notAnImage, null)).toBe('unsupported');
  });

  it('tells size, unsafe SVG, empty and missing files apart', () => {
    expect(logoRefusal(tooLarge, { name: 'big.png', type: 'image/png' })).toBe('too_large');
    expect(logoRefusal(unsafe, { name: 'logo.svg', type: 'image/svg+xml' })).toBe('unsafe_svg');
    expect(logoRefusal(empty, { name: 'logo.png', type: 'image/png' })).toBe('empty');
    expect(logoRefusal(missing, null)).toBe('required');
  });

  it('leaves problems that are not about the file to the page-wide message', () => {
    expect(logoRefusal({ code: 'forbidden' }, { name: 'logo.png', type: 'image/png' })).toBeNull();
    expect(logoRefusal({ code: 'validation_failed' }, null)).toBeNull();
  });
});

describe('isBodyTooLarge', () => {
  it('finds a 413 on the error or its cause', () => {
    expect(isBodyTooLarge({ status: 413 })).toBe(true);
    expect(isBodyTooLarge(new TypeError('body failed', { cause: { status: 413, text: 'Payload Too Large' } }))).toBe(true);
    expect(isBodyTooLarge(new TypeError('network'))).toBe(false);
    expect(isBodyTooLarge(undefined)).toBe(false);
  });
});
