import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { organisationFixtures } from './organisations.fixtures';

let t: TestHub;
let coordinator: TestUser;
const orgs = organisationFixtures(() => ({ t, coordinator }));

beforeAll(async () => {
  t = await createTestHub({ AUTH_RATE_LIMIT: '100000' });
  coordinator = await t.createUser({ role: 'coordinator' });
});
afterAll(async () => {
  await t?.close();
});

const setVisibility = async (person: TestUser, visibility: string) => {
  const response = await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: person.cookie, payload: { visibility } });
  expect(response.statusCode, response.body).toBe(200);
};
async function join(slug: string, person: TestUser, admin: TestUser) {
  const asked = await t.request({ method: 'POST', url: `/api/organisations/${slug}/join-requests`, cookie: person.cookie, payload: { message: 'Hola' } });
  expect(asked.statusCode, asked.body).toBe(201);
  const approved = await t.request({ method: 'POST', url: `/api/organisations/${slug}/join-requests/${asked.json().joinRequest.id}/approve`, cookie: admin.cookie });
  expect(approved.statusCode, approved.body).toBe(200);
}

describe('staff names link to profiles the viewer may open', () => {
  it('says, per staff member, whether the viewer may see their profile, as the profile itself would answer', async () => {
    const { org, admin } = await orgs.approvedOrganisation({ name: 'Hábitat Abierto' });
    const [open, membersOnly, colleaguesOnly, unverified] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser()]);
    for (const p of [open, membersOnly, colleaguesOnly, unverified]) await join(org.slug, p, admin);
    await setVisibility(open, 'everyone');
    await setVisibility(membersOnly, 'members');
    await setVisibility(colleaguesOnly, 'organisations');
    await setVisibility(unverified, 'everyone');
    await t.hub.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unverified.id));

    // Someone who shares another organisation with the colleagues-only person.
    const { org: other, admin: otherAdmin } = await orgs.approvedOrganisation({ name: 'Otra Red' });
    await join(other.slug, colleaguesOnly, otherAdmin);
    const outsider = await t.createUser();

    const visibleTo = async (viewer?: TestUser) => {
      const response = await orgs.profile(org.slug, viewer?.cookie);
      expect(response.statusCode, response.body).toBe(200);
      const staff = response.json().staff as { userId: string; profileVisible: boolean }[];
      return new Set(staff.filter((s) => s.profileVisible).map((s) => s.userId));
    };
    const expectFor = async (viewer: TestUser | undefined, expected: TestUser[], hidden: TestUser[]) => {
      const seen = await visibleTo(viewer);
      for (const p of expected) expect(seen.has(p.id)).toBe(true);
      for (const p of hidden) expect(seen.has(p.id)).toBe(false);
      // Each answer matches what the profile page itself says.
      for (const p of [...expected, ...hidden]) {
        const status = (await t.request({ method: 'GET', url: `/api/people/${p.id}`, cookie: viewer?.cookie })).statusCode;
        expect(status, `profile of ${p.id}`).toBe(seen.has(p.id) ? 200 : 404);
      }
    };

    await expectFor(undefined, [open], [membersOnly, colleaguesOnly, unverified]);
    await expectFor(outsider, [open, membersOnly], [colleaguesOnly, unverified]);
    await expectFor(admin, [open, membersOnly, colleaguesOnly], [unverified]);
    await expectFor(otherAdmin, [open, membersOnly, colleaguesOnly], [unverified]);
    await expectFor(coordinator, [open, membersOnly, colleaguesOnly, unverified], []);
  });
});
