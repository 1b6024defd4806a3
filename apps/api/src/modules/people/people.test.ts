import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { peopleProfiles } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { databaseFingerprint, filesUnder } from '../../../../../tests/fixtures/snapshot';
import { CLEAN_SVG, TINY_PNG, multipart, organisationFixtures } from '../organisations/organisations.fixtures';
import { defineModule } from '../../module';
import { normaliseLinkedin, normaliseOrcid, normaliseWebsite } from './people.links';
import { getProfile } from './people.profile.service';

let t: TestHub;
let coordinator: TestUser;
beforeAll(async () => {
  t = await createTestHub({ AUTH_RATE_LIMIT: '100000' });
  coordinator = await t.createUser({ role: 'coordinator' });
});
afterAll(async () => {
  await t?.close();
});

const orgs = organisationFixtures(() => ({ t, coordinator }));
/** The outbox is emptied by the worker at any moment: compared by rows added. */
const queues = { queues: ['search_outbox'] };

async function patchProfile(user: TestUser, payload: object) {
  return t.request({ method: 'PATCH', url: '/api/me/profile', cookie: user.cookie, payload });
}
async function saveProfile(user: TestUser, payload: object) {
  const response = await patchProfile(user, payload);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().person;
}
const getPerson = (id: string, user?: TestUser) => t.request({ method: 'GET', url: `/api/people/${id}`, cookie: user?.cookie });

/** A new person who joined the organisation (through a request its admin approved). */
async function joinedMember(org: { slug: string }, admin: TestUser, options: Parameters<TestHub['createUser']>[0] = {}) {
  const person = await t.createUser(options);
  const request = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: person.cookie, payload: { message: '' } });
  expect(request.statusCode, request.body).toBe(201);
  const approve = await t.request({
    method: 'POST',
    url: `/api/organisations/${org.slug}/join-requests/${request.json().joinRequest.id}/approve`,
    cookie: admin.cookie
  });
  expect(approve.statusCode, approve.body).toBe(200);
  return person;
}

describe('links', () => {
  it('normalises a website typed without https:// and refuses what is not an address', () => {
    expect(normaliseWebsite('habitat.example.org/equipo')).toEqual({ ok: true, value: 'https://habitat.example.org/equipo' });
    expect(normaliseWebsite('http://município.br')).toEqual({ ok: true, value: 'http://município.br' });
    expect(normaliseWebsite('  ')).toEqual({ ok: true, value: null });
    for (const bad of ['javascript:alert(1)', 'not a site', 'ftp://example.org', 'https://user:pw@example.org', 'localhost']) {
      expect(normaliseWebsite(bad).ok, bad).toBe(false);
    }
  });
  it('keeps LinkedIn addresses on linkedin.com', () => {
    expect(normaliseLinkedin('www.linkedin.com/in/ana')).toEqual({ ok: true, value: 'https://www.linkedin.com/in/ana' });
    expect(normaliseLinkedin('https://linkedin.com.evil.example/in/ana').ok).toBe(false);
    expect(normaliseLinkedin('https://example.org/linkedin.com/in/ana').ok).toBe(false);
  });
  it('accepts an ORCID iD bare or as its address, and checks its check digit', () => {
    expect(normaliseOrcid('0000-0002-1825-0097')).toEqual({ ok: true, value: '0000-0002-1825-0097' });
    expect(normaliseOrcid('https://orcid.org/0000-0001-5109-3700')).toEqual({ ok: true, value: '0000-0001-5109-3700' });
    expect(normaliseOrcid('0000000218250097')).toEqual({ ok: true, value: '0000-0002-1825-0097' });
    expect(normaliseOrcid('0000-0002-1825-0098')).toMatchObject({ ok: false, error: { code: 'checksum' } });
    expect(normaliseOrcid('1234')).toMatchObject({ ok: false, error: { code: 'format' } });
  });
});

describe('editing my profile', () => {
  it('saves every field, normalises links, renders the bio and never returns an email', async () => {
    const me = await t.createUser({ name: 'Ana Paredes' });
    const person = await saveProfile(me, {
      name: '  Ana Lucía Paredes ',
      headline: 'Socióloga urbana',
      bio: 'Investigo **migración** interna.\n\n<script>alert(1)</script> [x](javascript:alert(1)) ![i](https://evil.example/p.png)',
      countries: ['BO', 'PE'],
      languages: ['es', 'ay'],
      themes: ['migration', 'settlement_upgrading'],
      website: 'paredes.example.org',
      linkedin: 'linkedin.com/in/anaparedes',
      orcid: 'https://orcid.org/0000-0002-1825-0097',
      visibility: 'everyone'
    });
    expect(person).toMatchObject({
      name: 'Ana Lucía Paredes',
      headline: 'Socióloga urbana',
      countries: ['BO', 'PE'],
      languages: ['es', 'ay'],
      themes: ['migration', 'settlement_upgrading'],
      links: {
        website: 'https://paredes.example.org',
        linkedin: 'https://linkedin.com/in/anaparedes',
        orcid: 'https://orcid.org/0000-0002-1825-0097'
      },
      visibility: 'everyone',
      photoUrl: null
    });
    expect(person.bioSource).toContain('<script>');
    expect(person.bioHtml).toContain('<strong>migración</strong>');
    // Raw HTML stays text, a javascript: link is no link, a foreign image becomes its alternative text.
    expect(person.bioHtml).not.toMatch(/<script|<a |<img|evil\.example/);
    expect(person.bioHtml).toContain('&lt;script&gt;');
    const seen = await getPerson(me.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain(me.email);
    expect(seen.body).not.toContain('@');
    expect(seen.json().person.bioSource).toBeNull();
    expect(seen.json().viewer).toEqual({ isSelf: false });
  });

  it('refuses bad input with the failing fields and writes nothing', async () => {
    const me = await t.createUser();
    await saveProfile(me, { headline: 'Antes' });
    const before = await databaseFingerprint(t.hub.db, queues);
    const cases: Array<[object, string]> = [
      [{ website: 'javascript:alert(1)', headline: 'Después' }, 'body.website'],
      [{ orcid: '0000-0002-1825-0098' }, 'body.orcid'],
      [{ linkedin: 'https://evil.example/in/x' }, 'body.linkedin'],
      [{ countries: ['XX'] }, 'body.countries.0'],
      [{ themes: ['housing_policy', 'housing_policy'] }, 'body.themes'],
      [{ languages: ['klingon'] }, 'body.languages.0'],
      [{ visibility: 'friends' }, 'body.visibility'],
      [{ name: '   ' }, 'body.name'],
      [{ headline: 'x'.repeat(161) }, 'body.headline'],
      [{ email: 'other@example.org' }, 'body.email'],
      [{}, 'body']
    ];
    for (const [payload, field] of cases) {
      const response = await patchProfile(me, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('validation_failed');
      expect(response.json().fields.map((f: { field: string }) => f.field), JSON.stringify(payload)).toContain(field);
    }
    expect(await databaseFingerprint(t.hub.db, queues)).toEqual(before);
    expect((await patchProfile(await t.createUser(), { headline: 'x' })).statusCode).toBe(200);
  });

  it('is only for people who are signed in', async () => {
    expect((await t.request({ method: 'PATCH', url: '/api/me/profile', payload: { headline: 'x' } })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me/profile' })).statusCode).toBe(401);
  });
});

describe('photo', () => {
  const upload = (user: TestUser | undefined, field: string, filename: string, type: string, bytes: Buffer) =>
    t.request({ method: 'POST', url: '/api/me/profile/photo', cookie: user?.cookie, ...multipart(field, filename, type, bytes) });

  it('re-encodes an upload as WebP sizes, serves them, and removes them', async () => {
    const me = await t.createUser();
    await saveProfile(me, { visibility: 'everyone' });
    const response = await upload(me, 'photo', 'me.svg', 'image/svg+xml', CLEAN_SVG);
    expect(response.statusCode, response.body).toBe(200);
    const url = response.json().person.photoUrl as string;
    expect(url).toMatch(new RegExp(`^/api/people/${me.id}/photo\\?v=[0-9a-f]{12}$`));
    for (const size of [96, 128, 256]) {
      const photo = await t.request({ method: 'GET', url: `${url}&size=${size}` });
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/webp');
      expect(photo.headers['cache-control']).toBe('public, max-age=86400');
      const meta = await sharp(photo.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', size, size]);
    }
    const replaced = await upload(me, 'photo', 'me.png', 'image/png', TINY_PNG);
    expect(replaced.json().person.photoUrl).not.toBe(url);
    expect((await filesUnder(t.config.uploadsDir)).filter((f) => f.includes(me.id))).toHaveLength(3);
    const removed = await t.request({ method: 'DELETE', url: '/api/me/profile/photo', cookie: me.cookie });
    expect(removed.json().person.photoUrl).toBeNull();
    expect((await filesUnder(t.config.uploadsDir)).filter((f) => f.includes(me.id))).toHaveLength(0);
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('refuses what is not an image, a second file and visitors, storing nothing', async () => {
    const me = await t.createUser();
    const before = { db: await databaseFingerprint(t.hub.db, queues), files: await filesUnder(t.config.uploadsDir) };
    const fake = await upload(me, 'photo', 'me.png', 'image/png', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ code: 'invalid_photo', fields: [{ field: 'photo', code: 'not_an_image' }] });
    const empty = await upload(me, 'photo', 'me.png', 'image/png', Buffer.alloc(0));
    expect(empty.json()).toMatchObject({ code: 'invalid_photo', fields: [{ field: 'photo', code: 'empty' }] });
    const wrongField = await upload(me, 'logo', 'me.png', 'image/png', TINY_PNG);
    expect(wrongField.json()).toMatchObject({ code: 'validation_failed', fields: [{ field: 'photo', code: 'required' }] });
    const big = await upload(me, 'photo', 'me.png', 'image/png', Buffer.alloc(2 * 1024 * 1024 + 10, 1));
    expect([big.statusCode, big.json().code]).toEqual([413, 'photo_too_large']);
    expect((await upload(undefined, 'photo', 'me.png', 'image/png', TINY_PNG)).statusCode).toBe(401);
    expect({ db: await databaseFingerprint(t.hub.db, queues), files: await filesUnder(t.config.uploadsDir) }).toEqual(before);
  });
});

describe('who sees a profile', () => {
  let admin: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let otherOrgAdmin: TestUser;
  let subject: TestUser;
  let unlistedSubject: TestUser;

  beforeAll(async () => {
    const made = await orgs.approvedOrganisation();
    admin = made.admin;
    colleague = await joinedMember(made.org, admin);
    subject = await joinedMember(made.org, admin, { name: 'Sujeto Perfil' });
    unlistedSubject = await joinedMember(made.org, admin);
    await t.request({ method: 'PATCH', url: `/api/organisations/${made.org.slug}/members/${unlistedSubject.id}`, cookie: unlistedSubject.cookie, payload: { listed: false } });
    otherOrgAdmin = (await orgs.approvedOrganisation()).admin;
    outsider = await t.createUser();
  });

  const statuses = async (id: string) => ({
    visitor: (await getPerson(id)).statusCode,
    member: (await getPerson(id, outsider)).statusCode,
    otherOrganisation: (await getPerson(id, otherOrgAdmin)).statusCode,
    sameOrganisation: (await getPerson(id, colleague)).statusCode,
    self: (await getPerson(id, subject)).statusCode,
    coordinator: (await getPerson(id, coordinator)).statusCode
  });

  it('follows the visibility the person chose', async () => {
    await saveProfile(subject, { visibility: 'everyone' });
    expect(await statuses(subject.id)).toEqual({ visitor: 200, member: 200, otherOrganisation: 200, sameOrganisation: 200, self: 200, coordinator: 200 });
    await saveProfile(subject, { visibility: 'members' });
    expect(await statuses(subject.id)).toEqual({ visitor: 404, member: 200, otherOrganisation: 200, sameOrganisation: 200, self: 200, coordinator: 200 });
    await saveProfile(subject, { visibility: 'organisations' });
    expect(await statuses(subject.id)).toEqual({ visitor: 404, member: 404, otherOrganisation: 404, sameOrganisation: 200, self: 200, coordinator: 200 });
    // The photo follows the profile.
    await t.request({ method: 'POST', url: '/api/me/profile/photo', cookie: subject.cookie, ...multipart('photo', 'p.png', 'image/png', TINY_PNG) });
    const photo = (id: string, user?: TestUser) => t.request({ method: 'GET', url: `/api/people/${id}/photo`, cookie: user?.cookie });
    expect((await photo(subject.id, outsider)).statusCode).toBe(404);
    expect((await photo(subject.id, colleague)).statusCode).toBe(200);
    expect((await photo(subject.id, colleague)).headers['cache-control']).toBe('private, no-cache');
  });

  it('a hidden profile answers exactly like an id nobody has', async () => {
    await saveProfile(subject, { visibility: 'organisations' });
    const hidden = await getPerson(subject.id, outsider);
    const nobody = await getPerson('00000000-0000-4000-8000-000000000000', outsider);
    expect([hidden.statusCode, hidden.json().code, hidden.json().detail]).toEqual([nobody.statusCode, nobody.json().code, nobody.json().detail]);
    expect((await getPerson('not-a-uuid', outsider)).statusCode).toBe(400);
  });

  it('lists organisations only where the membership is listed', async () => {
    await saveProfile(unlistedSubject, { visibility: 'everyone' });
    expect((await getPerson(unlistedSubject.id)).json().person.organisations).toEqual([]);
    const listed = (await getPerson(subject.id, colleague)).json().person.organisations;
    expect(listed).toEqual([expect.objectContaining({ role: 'member' })]);
  });

  it('hides an account whose email is not verified, except from itself', async () => {
    const signUp = await t.request({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { name: 'Sin Verificar', email: 'unverified-person@example.org', password: 'correct horse battery staple', locale: 'es', country: 'PE' }
    });
    expect(signUp.statusCode).toBe(202);
    const [row] = await t.hub.db.select({ id: peopleProfiles.userId }).from(peopleProfiles).where(eq(peopleProfiles.userId, outsider.id));
    expect(row).toBeUndefined(); // no profile row is needed to be seen
    const users = await t.request({ method: 'GET', url: '/api/admin/users?q=unverified-person', cookie: (await t.createUser({ role: 'admin' })).cookie });
    const id = users.json().items[0].id as string;
    expect((await getPerson(id, outsider)).statusCode).toBe(404);
    expect((await getPerson(id, coordinator)).statusCode).toBe(200);
  });
});

describe('profile sections from other domains', () => {
  it('asks every module for its sections, only once the viewer may see the profile', async () => {
    const asked: Array<string | null> = [];
    const threads = defineModule({
      name: 'threads-test',
      profileSections: async (_hub, viewer, personId) => {
        asked.push(viewer?.id ?? null);
        return [{ key: 'threads', total: 3, items: [{ title: '¿Cómo financiar mejoras?', href: `/discussions/t-${personId.slice(0, 4)}` }] }];
      }
    });
    const quiet = defineModule({ name: 'quiet-test' });
    const person = await t.createUser();
    await saveProfile(person, { visibility: 'members' });
    const member = await t.createUser();
    const viewer = { id: member.id, role: 'member' as const, emailVerified: true };
    const profile = await getProfile(t.hub, [threads, quiet], viewer, person.id);
    expect(profile.sections).toEqual([expect.objectContaining({ key: 'threads', total: 3 })]);
    expect(asked).toEqual([member.id]);
    await expect(getProfile(t.hub, [threads], null, person.id)).rejects.toMatchObject({ status: 404 });
    expect(asked).toEqual([member.id]);
  });
});
