import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationMembers, organisations } from '@mutirao/db';
import { organisationTypes } from '@mutirao/shared';
import { createDemoPeople } from '../../../../../tests/fixtures/demo-people';
import { createTestHub, type TestHub } from '../../../../../tests/fixtures/harness';
import { seedDemoOrganisations } from './organisations.seed';

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
  const people = await createDemoPeople(t.hub);
  await seedDemoOrganisations(t.hub, people);
  await t.hub.search.drain();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo organisations', () => {
  it('cover every type and status, several countries and the three languages, with staff', async () => {
    const rows = await t.hub.db.select().from(organisations);
    expect(rows.length).toBeGreaterThanOrEqual(28);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['pending', 'approved', 'rejected', 'suspended']));
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(organisationTypes));
    expect(new Set(rows.map((r) => r.descriptionLocale))).toEqual(new Set(['es', 'pt', 'en']));
    expect(new Set(rows.flatMap((r) => r.countries)).size).toBeGreaterThanOrEqual(15);
    const members = await t.hub.db.select().from(organisationMembers);
    expect(members.filter((m) => m.role === 'member').length).toBeGreaterThanOrEqual(10);
    expect(members.some((m) => !m.listed)).toBe(true);
    // Every approved or suspended organisation has an admin.
    for (const row of rows.filter((r) => r.status === 'approved' || r.status === 'suspended')) {
      expect(members.some((m) => m.organisationId === row.id && m.role === 'admin'), row.name).toBe(true);
    }
  });

  it('puts only the approved ones in the directory, newest first on the home page', async () => {
    const rows = await t.hub.db.select().from(organisations);
    const approved = rows.filter((r) => r.status === 'approved');
    const directory = (await t.request({ method: 'GET', url: '/api/organisations?pageSize=50' })).json();
    expect(directory.total).toBe(approved.length);
    const newest = (await t.request({ method: 'GET', url: '/api/organisations/newest?limit=3' })).json().items;
    const expected = [...approved].sort((a, b) => b.approvedAt!.getTime() - a.approvedAt!.getTime()).slice(0, 3);
    expect(newest.map((o: { id: string }) => o.id)).toEqual(expected.map((r) => r.id));
    const queue = (await t.request({ method: 'GET', url: '/api/admin/organisations/queue', cookie: (await t.createUser({ role: 'coordinator' })).cookie })).json();
    expect(queue.items.length).toBe(rows.filter((r) => r.status === 'pending').length);
  });
});
