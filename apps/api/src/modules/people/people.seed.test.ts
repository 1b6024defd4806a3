import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { peopleProfiles } from '@mutirao/db';
import { demoMembers, demoPractitioners, demoProfiles, demoStaff } from '@mutirao/db/seed/people';
import { createTestHub, type TestHub } from '../../../../../tests/fixtures/harness';
import { createSession } from '../../auth/sessions.service';
import { createVerifiedUser } from '../accounts/accounts.service';
import { seedDemoOrganisations } from '../organisations/organisations.seed';
import { demoAvatarSvg, seedDemoPeople } from './people.seed';

let t: TestHub;
let memberCookie: string;
beforeAll(async () => {
  t = await createTestHub();
  const people = new Map<string, { id: string; email: string }>();
  const everyone = [...demoStaff, ...[...demoMembers, ...demoPractitioners].map((m) => ({ ...m, role: 'member' as const }))];
  for (const person of everyone) people.set(person.email, await createVerifiedUser(t.hub, { ...person, password: 'demo password 123' }));
  await seedDemoOrganisations(t.hub, people);
  await seedDemoPeople(t.hub, people);
  await t.hub.search.drain();
  const session = await createSession(t.hub.db, people.get('member@demo.mutirao.org')!.id, { ip: '127.0.0.1', userAgent: 'vitest' });
  memberCookie = `${t.app.sessionCookieName}=${session.token}`;
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('demo people', () => {
  it('give about 60 people profiles across the region, with photos, themes, languages, affiliations, some private', async () => {
    const rows = await t.hub.db.select().from(peopleProfiles);
    expect(rows.length).toBe(Object.keys(demoProfiles).length);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.flatMap((r) => r.countries)).size).toBeGreaterThanOrEqual(25);
    expect(new Set(rows.flatMap((r) => r.languages)).size).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => r.photoKey).length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => r.visibility === 'organisations').length).toBeGreaterThanOrEqual(5);
    const directory = await t.request({ method: 'GET', url: '/api/people?pageSize=50', cookie: memberCookie });
    expect(directory.statusCode).toBe(200);
    const result = directory.json();
    expect(result.total).toBeGreaterThanOrEqual(50);
    expect(Object.keys(result.facets.organisation).length).toBeGreaterThanOrEqual(15);
    // "despejo" (pt, singular) finds people working on evictions.
    const evictions = await t.request({ method: 'GET', url: '/api/people?q=despejo', cookie: memberCookie });
    expect(evictions.json().total).toBeGreaterThanOrEqual(4);
  });

  it('draws varied avatars that the photo pipeline accepts', async () => {
    expect(demoAvatarSvg(1)).not.toBe(demoAvatarSvg(2));
    const png = await sharp(Buffer.from(demoAvatarSvg(3))).png().toBuffer();
    const { width, height } = await sharp(png).metadata();
    expect([width, height]).toEqual([256, 256]);
  });
});
