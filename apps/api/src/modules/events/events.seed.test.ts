import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventRegistrations, eventSpeakers, events } from '@mutirao/db';
import { createDemoPeople } from '../../../../../tests/fixtures/demo-people';
import { createTestHub, type TestHub } from '../../../../../tests/fixtures/harness';
import { seedDemoOrganisations } from '../organisations/organisations.seed';
import { seedDemoEvents } from './events.seed';

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
  const people = await createDemoPeople(t.hub);
  await seedDemoOrganisations(t.hub, people);
  await seedDemoEvents(t.hub, people);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo events', () => {
  it('span the region and the formats, past and upcoming, some full with a waitlist, with attendance for past ones', async () => {
    const rows = await t.hub.db.select().from(events);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(new Set(rows.map((r) => r.format))).toEqual(new Set(['in_person', 'online', 'hybrid']));
    expect(new Set(rows.map((r) => r.country).filter(Boolean)).size).toBeGreaterThanOrEqual(10);
    const now = Date.now();
    expect(rows.filter((r) => r.endsAt.getTime() < now).length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.startsAt.getTime() > now).length).toBeGreaterThanOrEqual(8);
    const full = rows.filter((r) => r.capacity !== null && r.confirmedCount === r.capacity && r.waitlistCount > 0);
    expect(full.length).toBeGreaterThanOrEqual(2);
    const registrations = await t.hub.db.select().from(eventRegistrations);
    expect(registrations.filter((r) => r.checkedInAt).length).toBeGreaterThan(10);
    for (const row of rows) {
      const mine = registrations.filter((r) => r.eventId === row.id);
      expect(mine.filter((r) => r.status === 'confirmed').length, row.title).toBe(row.confirmedCount);
      expect(mine.filter((r) => r.status === 'waitlisted').length, row.title).toBe(row.waitlistCount);
    }
    // A few have speakers, upcoming and past; a speaker's profile lists both.
    const speakers = await t.hub.db.select().from(eventSpeakers);
    const spoken = new Set(speakers.map((s) => s.eventId));
    expect(rows.filter((r) => spoken.has(r.id) && r.endsAt.getTime() < now).length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => spoken.has(r.id) && r.startsAt.getTime() > now).length).toBeGreaterThanOrEqual(2);
    expect(speakers.every((s) => s.notifiedAt)).toBe(true);
    // The listing shows them to visitors.
    const upcoming = (await t.request({ method: 'GET', url: '/api/events?pageSize=100' })).json();
    const past = (await t.request({ method: 'GET', url: '/api/events?when=past&pageSize=100' })).json();
    expect(upcoming.total + past.total).toBe(rows.length);
  });
});
