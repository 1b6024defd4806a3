import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub, type TestUser } from '../../../../tests/fixtures/harness';
import { organisationFixtures, TINY_PNG } from '../modules/organisations/organisations.fixtures';
import { inputProblems } from './input-guard';

let t: TestHub;
let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  t = await createTestHub();
  admin = await t.createUser({ name: 'Guard Admin', role: 'admin' });
  member = await t.createUser({ name: 'Guard Member' });
});
afterAll(async () => {
  await t?.close();
});

describe('inputProblems', () => {
  it('names control characters, lone surrogates and numbers beyond a double’s exact range', () => {
    expect(inputProblems({ a: 'ok\ttab\nline', b: ['x\u0000'], c: { d: '\ud800' }, e: Infinity, f: -Infinity, g: 2 ** 60, h: 12 }, 'body')).toEqual([
      { field: 'body.b.0', code: 'control_character', message: expect.any(String) },
      { field: 'body.c.d', code: 'invalid_text', message: expect.any(String) },
      { field: 'body.e', code: 'out_of_range', message: expect.any(String) },
      { field: 'body.f', code: 'out_of_range', message: expect.any(String) },
      { field: 'body.g', code: 'out_of_range', message: expect.any(String) }
    ]);
    expect(inputProblems({ 'a\u0000': 1 }, 'body')).toEqual([expect.objectContaining({ field: 'body', code: 'invalid_field_name' })]);
    expect(inputProblems('ção 𝔘', 'querystring.q')).toEqual([]);
  });
});

describe('requests the database or the page arithmetic would have failed on', () => {
  it('refuses a NUL byte in a text field with a 400 naming the field, and changes nothing', async () => {
    for (const field of ['name', 'bio', 'organisationName']) {
      const response = await t.request({ method: 'PATCH', url: '/api/me', cookie: member.cookie, payload: { [field]: 'Ana\u0000Souza' } });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        code: 'validation_failed',
        fields: [{ field: `body.${field}`, code: 'control_character' }]
      });
    }
    const me = await t.request({ method: 'GET', url: '/api/me', cookie: member.cookie });
    expect(me.json().user).toMatchObject({ name: 'Guard Member', bio: null, organisationName: null });

    const search = await t.request({ method: 'GET', url: '/api/admin/users?q=%00', cookie: admin.cookie });
    expect(search.statusCode).toBe(400);
    expect(search.json().fields).toEqual([expect.objectContaining({ field: 'querystring.q', code: 'control_character' })]);
  });

  it('keeps tabs and line breaks, which people do type', async () => {
    const response = await t.request({ method: 'PATCH', url: '/api/me', cookie: member.cookie, payload: { bio: 'Line one\nLine\ttwo' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user.bio).toBe('Line one\nLine\ttwo');
  });

  it('refuses a lone surrogate, which no UTF-8 client can send', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie: member.cookie,
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"Ana \\ud800"}'
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([expect.objectContaining({ field: 'body.name', code: 'invalid_text' })]);
  });

  it('answers 400 to page, pageSize and limit of 1e309, Infinity and -1e309', async () => {
    const urls = [
      '/api/admin/users?page=',
      '/api/admin/organisations/queue?page=',
      '/api/admin/organisations?status=approved&page=',
      '/api/me/notifications?page=',
      '/api/me/notifications?pageSize=',
      '/api/organisations?page=',
      '/api/organisations?pageSize=',
      '/api/organisations/newest?limit='
    ];
    for (const url of urls) {
      for (const value of ['1e309', 'Infinity', '-1e309', '1e300']) {
        const response = await t.request({ method: 'GET', url: `${url}${value}`, cookie: admin.cookie });
        expect(response.statusCode, `${url}${value}: ${response.body}`).toBe(400);
        expect(response.json().code).toBe('validation_failed');
      }
    }
    const body = await t.request({
      method: 'POST',
      url: '/api/me/notifications/read',
      cookie: member.cookie,
      headers: { 'content-type': 'application/json' },
      payload: '{"ids":[1e309]}'
    });
    expect(body.statusCode).toBe(400);
  });

  it('answers a cut-off multipart upload with 400 malformed_body', async () => {
    const fixtures = organisationFixtures(() => ({ t, coordinator: admin }));
    const org = await fixtures.apply(member);
    const boundary = 'cutoff';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
    const response = await t.request({
      method: 'POST',
      url: `/api/organisations/${org.slug}/logo`,
      cookie: member.cookie,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(head), TINY_PNG])
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().code).toBe('malformed_body');
    const profile = await t.request({ method: 'GET', url: `/api/organisations/${org.slug}`, cookie: member.cookie });
    expect(profile.json().organisation.logoUrl).toBeNull();
  });
});
