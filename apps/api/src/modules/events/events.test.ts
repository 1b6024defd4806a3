import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import sharp from 'sharp';
import { eventRegistrations, events, liveEvents, notifications, resources } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { multipart, organisationFixtures } from '../organisations/organisations.fixtures';
import { eventBody, eventFixtures } from './events.fixtures';

let t: TestHub;
let coordinator: TestUser;
beforeAll(async () => {
  t = await createTestHub({ AUTH_RATE_LIMIT: '100000' });
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
});
afterAll(async () => {
  await t?.close();
});

const orgs = organisationFixtures(() => ({ t, coordinator }));
const { create, publish, published, register, unregister, page } = eventFixtures(() => ({ t, coordinator }));
const year = new Date().getUTCFullYear() + 1;
const eventCount = async () => (await t.hub.db.select({ n: count() }).from(events))[0].n;

describe('drafting and publishing', () => {
  it('refuses impossible events with 400 naming the field, and writes nothing', async () => {
    const before = await eventCount();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ endsLocal: `${year}-07-15T09:00` }, 'body.endsLocal'],
      [{ timeZone: 'America/Gotham' }, 'body.timeZone'],
      [{ capacity: -1 }, 'body.capacity'],
      [{ registrationClosesAt: `${year}-07-16T00:00:00Z` }, 'body.registrationClosesAt'],
      [{ format: 'in_person', city: null }, 'body.city'],
      [{ questions: [{ id: 'diet', label: 'Dieta', kind: 'choice', required: true }] }, 'body.questions.0.options']
    ];
    for (const [overrides, field] of cases) {
      const response = await t.request({ method: 'POST', url: '/api/events', cookie: coordinator.cookie, payload: eventBody(overrides) });
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
      expect(response.json().fields.map((f: { field: string }) => f.field), JSON.stringify(overrides)).toContain(field);
    }
    expect(await eventCount()).toBe(before);
  });

  it('keeps the venue’s wall time across daylight saving: Santiago is UTC−3 in January and UTC−4 in July', async () => {
    const summer = await create(coordinator, { startsLocal: `${year}-01-15T10:00`, endsLocal: `${year}-01-15T12:00` });
    const winter = await create(coordinator, { startsLocal: `${year}-07-15T10:00`, endsLocal: `${year}-07-15T12:00` });
    expect(summer.startsAt).toBe(`${year}-01-15T13:00:00.000Z`);
    expect(winter.startsAt).toBe(`${year}-07-15T14:00:00.000Z`);
    // Created now, whatever offset Santiago has today: the event stays at 10:00 local.
    const shown = (await page(winter.id, coordinator)).json().event;
    expect(shown).toMatchObject({ startsLocal: `${year}-07-15T10:00`, timeZone: 'America/Santiago' });
    // Moving it to September (after the switch to summer time) is −3 again.
    const moved = await t.request({
      method: 'PATCH',
      url: `/api/events/${winter.id}`,
      cookie: coordinator.cookie,
      payload: { startsLocal: `${year}-09-20T10:00`, endsLocal: `${year}-09-20T12:00` }
    });
    expect(moved.json().event.startsAt).toBe(`${year}-09-20T13:00:00.000Z`);
  });

  it('lets an organisation’s admin draft for it and submit; coordinators are told and publish; another organisation’s admin cannot', async () => {
    const { org, admin } = await orgs.approvedOrganisation();
    const other = await orgs.approvedOrganisation();
    const forOther = await t.request({
      method: 'POST',
      url: '/api/events',
      cookie: other.admin.cookie,
      payload: eventBody({ hostOrganisations: [org.slug] })
    });
    expect(forOther.statusCode).toBe(403);

    const draft = await create(admin, { hostOrganisations: [org.slug] });
    expect(draft.status).toBe('draft');
    expect((await page(draft.id)).statusCode).toBe(404);
    expect((await page(draft.id, other.admin)).statusCode).toBe(404);

    const submitted = await t.request({ method: 'POST', url: `/api/events/${draft.id}/submit`, cookie: admin.cookie });
    expect(submitted.json().event.status).toBe('submitted');
    const told = await t.request({ method: 'GET', url: '/api/me/notifications', cookie: coordinator.cookie });
    expect(told.json().items).toContainEqual(expect.objectContaining({ kind: 'event.submitted', data: { eventId: draft.id, title: 'Foro de vivienda asequible' } }));

    expect((await t.request({ method: 'POST', url: `/api/events/${draft.id}/publish`, cookie: admin.cookie })).statusCode).toBe(403);
    await publish(draft.id);
    const shown = (await page(draft.id)).json();
    expect(shown.event).toMatchObject({ status: 'published', hosts: [{ slug: org.slug }], descriptionHtml: expect.stringContaining('<strong>foro</strong>') });
    // Once published, only coordinators edit it.
    const edit = await t.request({ method: 'PATCH', url: `/api/events/${draft.id}`, cookie: admin.cookie, payload: { title: 'Otro título' } });
    expect(edit.statusCode).toBe(403);
  });

  it('shows the online link only to confirmed attendees and organisers', async () => {
    const event = await published({ capacity: 1 });
    const first = await t.createUser();
    const second = await t.createUser();
    await register(event.id, first);
    await register(event.id, second);
    expect((await page(event.id)).json().event.onlineUrl).toBeNull();
    expect((await page(event.id, second)).json().event.onlineUrl).toBeNull();
    expect((await page(event.id, first)).json().event.onlineUrl).toBe('https://meet.example.org/foro-vivienda');
    expect((await page(event.id, coordinator)).json().event.onlineUrl).toBe('https://meet.example.org/foro-vivienda');
  });
});

describe('cover images', () => {
  it('re-encodes an upload as 16:9 WebP in three widths, refuses what is not an image, and removes it', async () => {
    const event = await create(coordinator);
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: 10, g: 90, b: 160 } } }).png().toBuffer();
    const upload = (bytes: Buffer, type = 'image/png') =>
      t.request({ method: 'POST', url: `/api/events/${event.id}/cover`, cookie: coordinator.cookie, ...multipart('cover', 'cover.png', type, bytes) });
    const saved = await upload(png);
    expect(saved.statusCode, saved.body).toBe(200);
    const url = saved.json().event.coverUrl as string;
    expect(url).toMatch(new RegExp(`^/api/events/${event.id}/cover\\?v=[0-9a-f]{12}$`));
    for (const [size, height] of [[480, 270], [960, 540], [1600, 900]]) {
      const image = await t.request({ method: 'GET', url: `${url}&size=${size}`, cookie: coordinator.cookie });
      expect(image.headers['content-type']).toBe('image/webp');
      expect(await sharp(image.rawPayload).metadata()).toMatchObject({ format: 'webp', width: size, height });
    }
    // A draft's cover is as hidden as the draft.
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(404);

    const fake = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect([fake.statusCode, fake.json().code, fake.json().fields[0].field]).toEqual([400, 'invalid_cover', 'cover']);
    expect((await page(event.id, coordinator)).json().event.coverUrl).toBe(url);

    const removed = await t.request({ method: 'DELETE', url: `/api/events/${event.id}/cover`, cookie: coordinator.cookie });
    expect(removed.json().event.coverUrl).toBeNull();
    expect((await t.request({ method: 'GET', url, cookie: coordinator.cookie })).statusCode).toBe(404);
  });
});

describe('registration and the waitlist', () => {
  it('gives exactly 10 seats to 200 people registering at once, and a consistent waitlist of 190', async () => {
    const event = await published({ capacity: 10 });
    const people = await Promise.all(Array.from({ length: 200 }, () => t.createUser()));
    // Four "processes" (four apps, each with its own pool of 4) on one database: requests
    // queue on the event's row, not for a connection, however slow the machine is today.
    const apps = [t.app, await t.peer(), await t.peer(), await t.peer()];
    const host = new URL(t.config.publicOrigin).host;
    const responses = await Promise.all(
      people.map((person, i) =>
        apps[i % apps.length].inject({
          method: 'POST',
          url: `/api/events/${event.id}/registration`,
          payload: {},
          headers: { cookie: person.cookie, origin: t.config.publicOrigin, host }
        })
      )
    );
    const failures = responses.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.body}`);
    expect(failures).toEqual([]);
    const statuses = responses.map((r) => r.json().registration.status as string);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190);
    const positions = responses.map((r) => r.json().registration.waitlistPosition).filter((p) => p !== null);
    // Each position once: 1…190 (a position is counted when the person registers, and nobody waiting left).
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));

    const rows = await t.hub.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(200);
    const [counters] = await t.hub.db.select().from(events).where(eq(events.id, event.id));
    expect(counters).toMatchObject({ confirmedCount: 10, waitlistCount: 190 });

    // A cancel promotes exactly one: the first in line.
    const waiting = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => a.seq - b.seq);
    const leaver = people.find((p) => p.id === rows.find((r) => r.status === 'confirmed')!.userId)!;
    expect((await unregister(event.id, leaver)).statusCode).toBe(200);
    const after = await t.hub.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    expect(after.filter((r) => r.status === 'waitlisted')).toHaveLength(189);
    expect(after.find((r) => r.id === waiting[0].id)!.status).toBe('confirmed');
    const second = people.find((p) => p.id === waiting[1].userId)!;
    expect((await page(event.id, second)).json().viewer.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // 200 sign-ups and four app instances: well past the default 30 s on a busy machine.
  }, 120_000);

  it('tells the promoted person in the app, live on the event and their own topic, and by mail', async () => {
    const event = await published({ capacity: 1, title: 'Taller de alquiler' });
    const first = await t.createUser();
    const waiting = await t.createUser({ name: 'Wanda Waiting' });
    await register(event.id, first);
    const queued = await register(event.id, waiting);
    expect(queued.json().registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await page(event.id)).json().event).toMatchObject({ seatsLeft: 0, waitlistCount: 1 });

    await unregister(event.id, first);
    expect((await page(event.id, waiting)).json().viewer.registration.status).toBe('confirmed');
    expect((await page(event.id)).json().event).toMatchObject({ seatsLeft: 0, waitlistCount: 0, confirmedCount: 1 });
    const told = await t.hub.db.select().from(notifications).where(and(eq(notifications.userId, waiting.id), eq(notifications.kind, 'event.promoted')));
    expect(told).toHaveLength(1);
    const topics = (await t.hub.db.select().from(liveEvents)).map((e) => e.topic);
    expect(topics).toContain(`event:${event.id}`);
    expect(topics).toContain(`user:${waiting.id}`);
    const mail = (await t.mail()).filter((m) => m.to === waiting.email);
    expect(mail[0]).toMatchObject({ subject: 'You have a seat at “Taller de alquiler”' });
  });

  it('refuses registering twice, after closing, for a draft and for a cancelled event', async () => {
    const person = await t.createUser();
    const event = await published();
    expect((await register(event.id, person)).statusCode).toBe(201);
    const twice = await register(event.id, person);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'already_registered']);

    const closed = await published({ registrationClosesAt: new Date(Date.now() - 60_000).toISOString(), registrationOpensAt: null });
    const late = await register(closed.id, person);
    expect([late.statusCode, late.json().code]).toEqual([409, 'registration_closed']);

    const draft = await create(coordinator);
    expect((await register(draft.id, person)).statusCode).toBe(404);
    const forCoordinator = await register(draft.id, coordinator);
    expect([forCoordinator.statusCode, forCoordinator.json().code]).toEqual([403, 'event_not_published']);

    const cancelled = await published();
    await t.request({ method: 'POST', url: `/api/events/${cancelled.id}/cancel`, cookie: coordinator.cookie, payload: {} });
    const refused = await register(cancelled.id, person);
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'event_cancelled']);
    // Nothing was written for the refusals.
    const rows = await t.hub.db.select().from(eventRegistrations).where(eq(eventRegistrations.userId, person.id));
    expect(rows).toHaveLength(1);
  });

  it('checks the answers to the event’s questions', async () => {
    const event = await published({
      questions: [
        { id: 'diet', label: 'Necesidades alimentarias', kind: 'text', required: false },
        { id: 'org', label: '¿Por qué organización vienes?', kind: 'choice', options: ['Ninguna', 'Una ONG'], required: true }
      ]
    });
    const person = await t.createUser();
    const missing = await register(event.id, person, { diet: 'vegetariana' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual([expect.objectContaining({ field: 'body.answers.org', code: 'required' })]);
    const wrong = await register(event.id, person, { org: 'Otra' });
    expect(wrong.json().fields).toEqual([expect.objectContaining({ field: 'body.answers.org', code: 'not_a_choice' })]);
    const ok = await register(event.id, person, { org: 'Una ONG', diet: 'vegetariana' });
    expect(ok.json().registration.answers).toEqual({ org: 'Una ONG', diet: 'vegetariana' });
  });

  it('promotes people when the capacity goes up, and refuses lowering it below the confirmed count', async () => {
    const event = await published({ capacity: 2 });
    const people = await Promise.all(Array.from({ length: 5 }, () => t.createUser()));
    for (const person of people) await register(event.id, person);
    const lower = await t.request({ method: 'PATCH', url: `/api/events/${event.id}`, cookie: coordinator.cookie, payload: { capacity: 1 } });
    expect(lower.statusCode).toBe(409);
    expect(lower.json()).toMatchObject({ code: 'capacity_below_confirmed', fields: [expect.objectContaining({ field: 'body.capacity' })] });
    expect(lower.json().detail).toContain('2 people are confirmed');

    const raise = await t.request({ method: 'PATCH', url: `/api/events/${event.id}`, cookie: coordinator.cookie, payload: { capacity: 4 } });
    expect(raise.json().event).toMatchObject({ capacity: 4, confirmedCount: 4, waitlistCount: 1, seatsLeft: 0 });
    expect((await page(event.id, people[2])).json().viewer.registration.status).toBe('confirmed');
    expect((await page(event.id, people[3])).json().viewer.registration.status).toBe('confirmed');
    expect((await page(event.id, people[4])).json().viewer.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('lets a person who cancelled register again, at the back of the line', async () => {
    const event = await published({ capacity: 1 });
    const [a, b, c] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
    await register(event.id, a);
    await register(event.id, b);
    await unregister(event.id, b);
    await register(event.id, c);
    const again = await register(event.id, b);
    expect(again.json().registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const [counters] = await t.hub.db.select().from(events).where(eq(events.id, event.id));
    expect(counters).toMatchObject({ confirmedCount: 1, waitlistCount: 2 });
  });
});

describe('calendars', () => {
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

  it('serves an .ics a real parser reads, with the zone, the place, the link and a sequence raised by changes', async () => {
    const event = await published({ title: 'Foro, con coma; y punto y coma' });
    const response = await t.request({ method: 'GET', url: `/api/events/${event.id}/ics` });
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = parse(response.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe('America/Santiago');
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(vevent.summary).toBe('Foro, con coma; y punto y coma');
    expect(vevent.location).toContain('Centro Cultural Gabriela Mistral');
    expect(vevent.component.getFirstPropertyValue('url')).toBe(`${t.config.publicOrigin}/events/${event.id}`);
    expect(vevent.sequence).toBe(0);
    // The parser, given the VTIMEZONE, finds the same instant as the hub: 10:00 in Santiago in July is 14:00 UTC.
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    expect(vevent.startDate.toJSDate().toISOString()).toBe(`${year}-07-15T14:00:00.000Z`);
    expect(vevent.endDate.toJSDate().toISOString()).toBe(`${year}-07-15T17:00:00.000Z`);
    ICAL.TimezoneService.reset();

    await t.request({ method: 'PATCH', url: `/api/events/${event.id}`, cookie: coordinator.cookie, payload: { startsLocal: `${year}-07-15T11:00` } });
    const moved = new ICAL.Event(parse((await t.request({ method: 'GET', url: `/api/events/${event.id}/ics` })).body).getFirstSubcomponent('vevent')!);
    expect(moved.sequence).toBe(1);

    await t.request({ method: 'POST', url: `/api/events/${event.id}/cancel`, cookie: coordinator.cookie, payload: {} });
    const cancelled = parse((await t.request({ method: 'GET', url: `/api/events/${event.id}/ics` })).body);
    expect(cancelled.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(2);
  });

  it('writes VTIMEZONE transitions that put both sides of a daylight-saving change at the right instant', async () => {
    const january = await published({ startsLocal: `${year}-01-10T18:00`, endsLocal: `${year}-01-10T20:00`, timeZone: 'America/New_York', format: 'online', onlineUrl: 'https://meet.example.org/x' });
    const july = await published({ startsLocal: `${year}-07-10T18:00`, endsLocal: `${year}-07-10T20:00`, timeZone: 'America/New_York', format: 'online', onlineUrl: 'https://meet.example.org/x' });
    const feed = parse((await t.request({ method: 'GET', url: '/api/calendar/events' })).body);
    expect(() => feed.getAllSubcomponents('vtimezone').forEach((z) => ICAL.TimezoneService.register(new ICAL.Timezone(z)))).not.toThrow();
    const found = new Map(feed.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')).split('@')[0], new ICAL.Event(v)]));
    expect(found.get(january.id)!.startDate.toJSDate().toISOString()).toBe(`${year}-01-10T23:00:00.000Z`);
    expect(found.get(july.id)!.startDate.toJSDate().toISOString()).toBe(`${year}-07-10T22:00:00.000Z`);
    ICAL.TimezoneService.reset();
  });

  it('gives each person a secret feed of their registrations, which they can reset', async () => {
    const person = await t.createUser();
    const mine = await published({ title: 'Mi evento' });
    await published({ title: 'No es mío' });
    await register(mine.id, person);
    const { url } = (await t.request({ method: 'GET', url: '/api/me/calendar-feed', cookie: person.cookie })).json();
    expect((await t.request({ method: 'GET', url: '/api/me/calendar-feed', cookie: person.cookie })).json().url).toBe(url);
    const path = new URL(url).pathname;
    const feed = parse((await t.request({ method: 'GET', url: path })).body);
    expect(feed.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('summary'))).toEqual(['Mi evento']);

    const reset = (await t.request({ method: 'POST', url: '/api/me/calendar-feed/reset', cookie: person.cookie })).json();
    expect(reset.url).not.toBe(url);
    expect((await t.request({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: new URL(reset.url).pathname })).statusCode).toBe(200);
  });
});

describe('reminders', () => {
  const reminderJobs = async (eventId: string) => {
    const result = await t.hub.db.execute(
      sql`select data, start_after from pgboss.job where name = 'events.reminder' and data->>'eventId' = ${eventId} and state = 'created' order by start_after`
    );
    const rows = (result as unknown as { rows: Array<{ data: { minutesBefore: number; startsAt: string }; start_after: Date }> }).rows;
    return rows.map((r) => ({ minutesBefore: r.data.minutesBefore, startsAt: r.data.startsAt, due: new Date(r.start_after).toISOString() }));
  };
  const makeDue = (eventId: string) =>
    t.hub.db.execute(sql`update pgboss.job set start_after = now() where name = 'events.reminder' and data->>'eventId' = ${eventId}`);

  it('schedules reminders 24 h and 1 h before, sends each once to confirmed attendees, and follows a move', async () => {
    const event = await published({ title: 'Recordatorio de prueba' });
    expect(await reminderJobs(event.id)).toEqual([
      { minutesBefore: 1440, startsAt: event.startsAt, due: new Date(Date.parse(event.startsAt) - 86_400_000).toISOString() },
      { minutesBefore: 60, startsAt: event.startsAt, due: new Date(Date.parse(event.startsAt) - 3_600_000).toISOString() }
    ]);
    const attendee = await t.createUser();
    const waiting = await t.createUser();
    await t.request({ method: 'PATCH', url: `/api/events/${event.id}`, cookie: coordinator.cookie, payload: { capacity: 1 } });
    await register(event.id, attendee);
    await register(event.id, waiting);

    // Moved a day later: new jobs for the new start; the old ones will find the event moved.
    const moved = await t.request({ method: 'PATCH', url: `/api/events/${event.id}`, cookie: coordinator.cookie, payload: { startsLocal: `${year}-07-16T10:00`, endsLocal: `${year}-07-16T13:00` } });
    const newStart = moved.json().event.startsAt;
    expect((await reminderJobs(event.id)).filter((j) => j.startsAt === newStart).map((j) => j.minutesBefore)).toEqual([1440, 60]);

    await makeDue(event.id);
    await t.drainJobs();
    // Run the same reminders again (a retry, a second process): nobody gets a second mail.
    await t.hub.db.transaction(async (tx) => {
      for (const minutesBefore of [1440, 60]) {
        await t.jobs.enqueue(tx, (await import('./events.reminders')).EVENT_REMINDER, { eventId: event.id, minutesBefore, startsAt: newStart });
      }
    });
    await t.drainJobs();
    const reminders = (await t.mail()).filter((m) => m.subject.startsWith('Reminder: “Recordatorio de prueba”'));
    expect(reminders.map((m) => m.to).sort()).toEqual([attendee.email, attendee.email]);
    expect(reminders.map((m) => m.subject).sort()).toEqual([
      'Reminder: “Recordatorio de prueba” starts in 1 hour',
      'Reminder: “Recordatorio de prueba” starts in 24 hours'
    ]);
  });

  it('uses the reminder times set for the event', async () => {
    const event = await published({ reminderMinutes: [180] });
    expect((await reminderJobs(event.id)).map((j) => j.minutesBefore)).toEqual([180]);
  });

  it('carry a one-click unsubscribe link, and skip someone who turned reminders off', async () => {
    const event = await published({ title: 'Recordatorio con baja', reminderMinutes: [60] });
    const keen = await t.createUser();
    const quiet = await t.createUser();
    await register(event.id, keen);
    await register(event.id, quiet);
    const kinds = (await t.request({ method: 'GET', url: '/api/me/notification-settings', cookie: quiet.cookie })).json().items as { kind: string }[];
    const off = await t.request({
      method: 'PUT',
      url: '/api/me/notification-settings',
      cookie: quiet.cookie,
      payload: { email: kinds.map((i) => i.kind).filter((k) => k !== 'event.reminder') }
    });
    expect(off.statusCode, off.body).toBe(200);

    await makeDue(event.id);
    await t.drainJobs();
    const reminders = (await t.mail()).filter((m) => m.subject.startsWith('Reminder: “Recordatorio con baja”'));
    expect(reminders.map((m) => m.to)).toEqual([keen.email]);
    expect(reminders[0].headers?.['List-Unsubscribe']).toMatch(new RegExp(`^<${t.config.publicOrigin}/api/unsubscribe/[\\w-]+\\.[\\w-]+>$`));
    expect(reminders[0].headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(reminders[0].text).toContain(`${t.config.publicOrigin}/unsubscribe/`);
  });
});

describe('coordinator tools', () => {
  it('lists attendees with answers, exports CSV, checks in, mails and counts; another organisation’s admin gets 403', async () => {
    const { org, admin } = await orgs.approvedOrganisation();
    const other = await orgs.approvedOrganisation();
    const draft = await create(admin, {
      hostOrganisations: [org.slug],
      capacity: 2,
      questions: [{ id: 'access', label: 'Accesibilidad', kind: 'text', required: false }]
    });
    await publish(draft.id);
    const ana = await t.createUser({ name: 'Ana Pérez', country: 'CL' });
    const bruno = await t.createUser({ name: 'Bruno Silva', country: 'BR' });
    const carla = await t.createUser({ name: 'Carla Díaz', country: 'CL' });
    await register(draft.id, ana, { access: 'rampa' });
    await register(draft.id, bruno);
    await register(draft.id, carla);

    for (const path of ['attendees', 'attendees.csv', 'attendance']) {
      expect((await t.request({ method: 'GET', url: `/api/events/${draft.id}/${path}`, cookie: other.admin.cookie })).statusCode).toBe(403);
    }
    const list = (await t.request({ method: 'GET', url: `/api/events/${draft.id}/attendees`, cookie: admin.cookie })).json();
    expect(list.counts).toEqual({ confirmed: 2, waitlisted: 1, cancelled: 0, checkedIn: 0 });
    expect(list.items.map((a: { name: string; status: string }) => [a.name, a.status])).toEqual([
      ['Ana Pérez', 'confirmed'],
      ['Bruno Silva', 'confirmed'],
      ['Carla Díaz', 'waitlisted']
    ]);
    expect(list.items[0].answers).toEqual({ access: 'rampa' });
    const search = (await t.request({ method: 'GET', url: `/api/events/${draft.id}/attendees?q=perez`, cookie: admin.cookie })).json();
    expect(search.items.map((a: { name: string }) => a.name)).toEqual(['Ana Pérez']);

    const csv = await t.request({ method: 'GET', url: `/api/events/${draft.id}/attendees.csv`, cookie: admin.cookie });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('name,email,country,organisations,status,waitlist_position,checked_in_at,registered_at,Accesibilidad');
    expect(lines[1]).toMatch(/^Ana Pérez,.*,CL,,confirmed,,,.*,rampa$/);
    expect(lines[3]).toMatch(/^Carla Díaz,.*,waitlisted,1,/);

    const checkIn = await t.request({
      method: 'POST',
      url: `/api/events/${draft.id}/attendees/${list.items[0].registrationId}/check-in`,
      cookie: admin.cookie,
      payload: { attended: true }
    });
    expect(checkIn.json()).toMatchObject({ checkedIn: 1, checkedInAt: expect.any(String) });
    const waitlisted = await t.request({
      method: 'POST',
      url: `/api/events/${draft.id}/attendees/${list.items[2].registrationId}/check-in`,
      cookie: admin.cookie,
      payload: { attended: true }
    });
    expect([waitlisted.statusCode, waitlisted.json().code]).toEqual([409, 'not_registered']);

    const figures = (await t.request({ method: 'GET', url: `/api/events/${draft.id}/attendance`, cookie: coordinator.cookie })).json();
    expect(figures).toMatchObject({ confirmed: 2, attended: 1 });
    expect(figures.byCountry).toEqual([
      { country: 'CL', confirmed: 1, attended: 1 },
      { country: 'BR', confirmed: 1, attended: 0 }
    ]);

    const sent = await t.request({
      method: 'POST',
      url: `/api/events/${draft.id}/messages`,
      cookie: admin.cookie,
      payload: { subject: 'Cambio de sala', body: 'Nos vemos en la sala 2.' }
    });
    expect(sent.json()).toEqual({ recipients: 2 });
    const mail = (await t.mail()).filter((m) => m.subject.endsWith('Cambio de sala'));
    expect(mail.map((m) => m.to).sort()).toEqual([ana.email, bruno.email].sort());
  });
});

describe('listings', () => {
  it('lists upcoming and past events with filters, and finds them by words through the index', async () => {
    const tag = `Quilombo${Date.now().toString(36)}`;
    const inLima = await published({ title: `Encuentro ${tag}`, city: 'Lima', country: 'PE', timeZone: 'America/Lima', languages: ['es', 'pt'], themes: ['land_tenure'] });
    await published({ title: `Webinar ${tag}`, format: 'online', onlineUrl: 'https://meet.example.org/w', timeZone: 'America/Sao_Paulo', languages: ['pt'] });
    const list = async (query: string) =>
      ((await t.request({ method: 'GET', url: `/api/events?${query}` })).json().items as Array<{ id: string; title: string }>).map((e) => e.title);
    expect(await list('country=PE')).toContain(`Encuentro ${tag}`);
    expect(await list('country=PE')).not.toContain(`Webinar ${tag}`);
    expect(await list('format=online')).toContain(`Webinar ${tag}`);
    expect(await list('theme=land_tenure')).toEqual([`Encuentro ${tag}`]);
    expect(await list('language=pt&city=lima')).toEqual([`Encuentro ${tag}`]);
    expect(await list(`month=${year}-07`)).toContain(`Encuentro ${tag}`);
    expect(await list(`month=${year}-08`)).not.toContain(`Encuentro ${tag}`);
    expect(await list('when=past')).not.toContain(`Encuentro ${tag}`);
    await t.hub.search.drain({ includeBackedOff: true });
    expect(await list(`q=${tag}`)).toEqual(expect.arrayContaining([`Encuentro ${tag}`, `Webinar ${tag}`]));
    expect(await list(`q=${tag}&country=PE`)).toEqual([`Encuentro ${tag}`]);
    // A draft is not listed.
    const draft = await create(coordinator, { title: `Borrador ${tag}` });
    expect(await list(`q=${tag}`)).not.toContain(`Borrador ${tag}`);
    expect((await page(inLima.id)).statusCode).toBe(200);
    expect(draft.status).toBe('draft');
  });
});

describe('an organisation’s events', () => {
  it('lists the upcoming and past published events an organisation hosts, and no one else’s or any draft', async () => {
    const { org } = await orgs.approvedOrganisation();
    const other = await orgs.approvedOrganisation();
    const tag = `Mutirao${Date.now().toString(36)}`;
    const next = await published({ title: `Próximo ${tag}`, hostOrganisations: [org.slug] });
    const held = await published({ title: `Pasado ${tag}`, hostOrganisations: [org.slug] });
    await published({ title: `Ajeno ${tag}`, hostOrganisations: [other.org.slug] });
    await create(coordinator, { title: `Borrador ${tag}`, hostOrganisations: [org.slug] });
    // The second one took place last year.
    await t.hub.db
      .update(events)
      .set({ startsAt: sql`${events.startsAt} - interval '2 years'`, endsAt: sql`${events.endsAt} - interval '2 years'` })
      .where(eq(events.id, held.id));
    const list = async (query: string) => {
      const response = await t.request({ method: 'GET', url: `/api/events?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as Array<{ title: string }>).map((e) => e.title);
    };
    expect(await list(`organisation=${org.slug}`)).toEqual([`Próximo ${tag}`]);
    expect(await list(`organisation=${org.slug}&when=past`)).toEqual([`Pasado ${tag}`]);
    expect(await list(`organisation=${other.org.slug}`)).toEqual([`Ajeno ${tag}`]);
    expect(next.id).not.toBe(held.id);
    const bad = await t.request({ method: 'GET', url: '/api/events?organisation=Not%20A%20Slug' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field)).toContain('querystring.organisation');
  });
});

describe('after the event', () => {
  const newThread = async (author: TestUser, title: string) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/threads',
      cookie: author.cookie,
      payload: { kind: 'discussion', title, body: 'Compartimos lo que salió del **foro**.', theme: 'housing_finance', language: 'es' }
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().thread.id as string;
  };
  const resource = async (eventId: string, title: string, status: 'published' | 'draft') => {
    const summary = 'Las presentaciones del foro.';
    const [row] = await t.hub.db
      .insert(resources)
      .values({
        slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`,
        title,
        summary,
        summaryHtml: `<p>${summary}</p>`,
        summaryText: summary,
        type: 'presentation',
        regional: true,
        languages: ['es'],
        year,
        licence: 'cc-by-4.0',
        relatedEventIds: [eventId],
        status,
        publishedAt: status === 'published' ? new Date() : null
      })
      .returning();
    return row;
  };

  it('links a readable follow-up thread; the library names its published resources; refuses what nobody may read', async () => {
    const { org, admin } = await orgs.approvedOrganisation();
    const event = await published({ hostOrganisations: [org.slug] });
    const member = await t.createUser();
    const threadId = await newThread(member, 'Después del foro de vivienda');
    const filed = await resource(event.id, 'Presentaciones del foro', 'published');
    await resource(event.id, 'Borrador de actas', 'draft');

    expect((await page(event.id)).json().followUp).toEqual({ thread: null });
    // The library lists the published resources naming the event, which its page shows.
    const related = await t.request({ method: 'GET', url: `/api/library/related/event/${event.id}` });
    expect(related.json().items.map((r: { id: string }) => r.id)).toEqual([filed.id]);

    const follow = (by: TestUser | undefined, body: Record<string, unknown>) =>
      t.request({ method: 'PUT', url: `/api/events/${event.id}/follow-up`, cookie: by?.cookie, payload: body });
    // A member who does not organise it may not; nor a visitor.
    expect((await follow(member, { threadId })).statusCode).toBe(403);
    expect((await follow(undefined, { threadId })).statusCode).toBe(401);
    // A thread that does not exist, or whose opening a coordinator hid, is refused on the field; nothing is written.
    const hiddenId = await newThread(member, 'Hilo que será ocultado');
    const opening = (await t.request({ method: 'GET', url: `/api/threads/${hiddenId}` })).json().opening.id as string;
    const hidden = await t.request({ method: 'POST', url: `/api/admin/posts/${opening}/moderation`, cookie: coordinator.cookie, payload: { action: 'hide' } });
    expect(hidden.statusCode, hidden.body).toBe(200);
    for (const bad of [crypto.randomUUID(), hiddenId]) {
      const refused = await follow(admin, { threadId: bad });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().fields.map((f: { field: string }) => f.field)).toContain('body.threadId');
    }
    expect((await t.hub.db.select().from(events).where(eq(events.id, event.id)))[0].followUpThreadId).toBeNull();

    // The hosting organisation's admin links it; every visitor sees it on the page.
    const linked = await follow(admin, { threadId });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().followUp.thread).toEqual({ id: threadId, title: 'Después del foro de vivienda' });
    expect((await page(event.id)).json().followUp.thread).toEqual({ id: threadId, title: 'Después del foro de vivienda' });

    // Unlinking with null.
    expect((await follow(coordinator, { threadId: null })).json().followUp.thread).toBeNull();
    expect((await page(event.id)).json().followUp.thread).toBeNull();
  });
});
