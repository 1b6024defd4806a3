import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisationAudit, organisationJoinRequests } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { organisationFixtures } from './organisations.fixtures';

let t: TestHub;
let coordinator: TestUser;
beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator' });
});
afterAll(async () => {
  await t?.close();
});

const { approvedOrganisation } = organisationFixtures(() => ({ t, coordinator }));

async function askToJoin(slug: string, person: TestUser) {
  const response = await t.request({ method: 'POST', url: `/api/organisations/${slug}/join-requests`, cookie: person.cookie, payload: { message: 'Hola' } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().joinRequest.id as string;
}
const withdraw = (slug: string, requestId: string, person?: TestUser) =>
  t.request({ method: 'POST', url: `/api/organisations/${slug}/join-requests/${requestId}/withdraw`, cookie: person?.cookie });
const requestRow = async (id: string) => (await t.hub.db.select().from(organisationJoinRequests).where(eq(organisationJoinRequests.id, id)))[0];

describe('withdrawing a request to join', () => {
  it('the person who asked takes it back: the admins no longer see it, the trail says so, and they may ask again', async () => {
    const { org, admin } = await approvedOrganisation();
    const joiner = await t.createUser();
    const id = await askToJoin(org.slug, joiner);

    const response = await withdraw(org.slug, id, joiner);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ status: 'withdrawn' });
    const list = await t.request({ method: 'GET', url: `/api/organisations/${org.slug}/join-requests`, cookie: admin.cookie });
    expect(list.json().items).toEqual([]);
    const mine = await t.request({ method: 'GET', url: '/api/me/organisations', cookie: joiner.cookie });
    expect(mine.json().joinRequests).toEqual([expect.objectContaining({ id, status: 'withdrawn' })]);
    const trail = await t.hub.db.select().from(organisationAudit).where(eq(organisationAudit.organisationId, org.id));
    expect(trail.map((row) => row.action)).toContain('join.withdrawn');

    // A withdrawn request cannot then be approved, and asking again works.
    const approve = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests/${id}/approve`, cookie: admin.cookie });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().code).toBe('already_decided');
    await askToJoin(org.slug, joiner);
  });

  it('refuses anyone else with 404, changing nothing, and a decided request with 409', async () => {
    const { org, admin } = await approvedOrganisation();
    const joiner = await t.createUser();
    const id = await askToJoin(org.slug, joiner);
    for (const someone of [admin, coordinator, await t.createUser()]) {
      const response = await withdraw(org.slug, id, someone);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    expect((await withdraw(org.slug, id)).statusCode).toBe(401);
    // Named under another organisation's slug: not found either.
    const { org: other } = await approvedOrganisation();
    expect((await withdraw(other.slug, id, joiner)).statusCode).toBe(404);
    expect((await requestRow(id)).status).toBe('pending');

    await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests/${id}/decline`, cookie: admin.cookie });
    const late = await withdraw(org.slug, id, joiner);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('already_decided');
    expect((await requestRow(id)).status).toBe('declined');
  });
});
