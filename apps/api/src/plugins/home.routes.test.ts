import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_SECTION_KEYS } from '@mutirao/shared';
import { createTestHub, type TestHub, type TestUser } from '../../../../tests/fixtures/harness';
import { organisationFixtures } from '../modules/organisations/organisations.fixtures';

let t: TestHub;
let coordinator: TestUser;
beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
});
afterAll(async () => {
  await t?.close();
});

const { apply, decide, approvedOrganisation } = organisationFixtures(() => ({ t, coordinator }));

interface Section {
  key: string;
  total: number;
  href?: string;
  items: Array<{ title: string; href: string; detail?: string; at?: string }>;
}
const home = async (user: TestUser) => {
  const response = await t.request({ method: 'GET', url: '/api/me/home', cookie: user.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().sections as Section[];
};
const sectionOf = (sections: Section[], key: string) => sections.find((s) => s.key === key);

describe('the signed-in home', () => {
  it('asks visitors to sign in', async () => {
    expect((await t.request({ method: 'GET', url: '/api/me/home' })).statusCode).toBe(401);
  });

  it('is empty for someone new: no section without something in it', async () => {
    expect(await home(await t.createUser())).toEqual([]);
  });

  it('shows an applicant their waiting application, then, once approved, their organisation and the news', async () => {
    const applicant = await t.createUser();
    const org = await apply(applicant, { name: 'Moradia Primeiro' });
    const waiting = await home(applicant);
    expect(waiting.map((s) => s.key)).toEqual(['myApplications']);
    expect(sectionOf(waiting, 'myApplications')).toMatchObject({
      total: 1,
      href: '/organisations/mine',
      items: [{ title: 'Moradia Primeiro', href: '/organisations/mine' }]
    });

    await decide(org.slug, 'approve');
    const after = await home(applicant);
    expect(after.map((s) => s.key)).toEqual(['myOrganisations', 'recentNotifications']);
    expect(sectionOf(after, 'myOrganisations')!.items).toEqual([{ title: 'Moradia Primeiro', href: `/organisations/${org.slug}` }]);
    expect(sectionOf(after, 'recentNotifications')).toMatchObject({
      total: 1,
      href: '/notifications',
      items: [{ title: 'Moradia Primeiro', href: `/organisations/${org.slug}` }]
    });
  });

  it('shows an organisation’s admin the requests to decide, and the person who asked their own request', async () => {
    const { org, admin } = await approvedOrganisation({ name: 'Barrio Unido' });
    const joiner = await t.createUser({ name: 'Juana Pide' });
    const asked = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: joiner.cookie, payload: { message: '' } });
    expect(asked.statusCode).toBe(201);

    expect(sectionOf(await home(admin), 'joinRequestsToDecide')).toMatchObject({
      total: 1,
      items: [{ title: 'Juana Pide', detail: 'Barrio Unido', href: `/organisations/${org.slug}/manage` }]
    });
    expect(sectionOf(await home(joiner), 'myJoinRequests')).toMatchObject({ total: 1, items: [{ title: 'Barrio Unido' }] });
    // Someone else sees neither.
    const other = await t.createUser();
    expect(await home(other)).toEqual([]);

    await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests/${asked.json().joinRequest.id}/approve`, cookie: admin.cookie });
    expect(sectionOf(await home(admin), 'joinRequestsToDecide')).toBeUndefined();
    const joined = await home(joiner);
    expect(sectionOf(joined, 'myJoinRequests')).toBeUndefined();
    expect(sectionOf(joined, 'myOrganisations')!.items.map((i) => i.title)).toEqual(['Barrio Unido']);
  });

  it('shows an invited person the invitations to their address', async () => {
    const { org, admin } = await approvedOrganisation({ name: 'Red Invitante' });
    const invitee = await t.createUser();
    const invited = await t.request({
      method: 'POST',
      url: `/api/organisations/${org.slug}/invitations`,
      cookie: admin.cookie,
      payload: { email: invitee.email.toUpperCase() }
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(sectionOf(await home(invitee), 'invitations')).toMatchObject({ total: 1, items: [{ title: 'Red Invitante', href: `/organisations/${org.slug}` }] });
  });

  it('shows coordinators the review queue with its count, and nobody else', async () => {
    const before = sectionOf(await home(coordinator), 'reviewQueue')?.total ?? 0;
    const applicant = await t.createUser({ name: 'Pedro Postulante' });
    await apply(applicant, { name: 'Cola de Revisión' });
    const queue = sectionOf(await home(coordinator), 'reviewQueue')!;
    expect(queue.total).toBe(before + 1);
    expect(queue.href).toBe('/admin/organisations');
    expect(queue.items).toContainEqual(expect.objectContaining({ title: 'Cola de Revisión', detail: 'Pedro Postulante' }));
    // The coordinator's notification of it leads to the queue too.
    expect(sectionOf(await home(coordinator), 'recentNotifications')!.items[0]).toMatchObject({ title: 'Cola de Revisión', href: '/admin/organisations' });
    expect(sectionOf(await home(applicant), 'reviewQueue')).toBeUndefined();
  });

  it('sends only keys the web knows how to title', async () => {
    const sections = await home(coordinator);
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) expect(HOME_SECTION_KEYS).toContain(section.key);
  });
});
