// Speakers: organisers list hub members with a talk title; the event page shows them
// (profile link and photo only where the profile is visible), their profiles list the
// events, they are told, search finds the event by their name, and their data rights
// cover the entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { eventSpeakers, notifications } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { organisationFixtures } from '../organisations/organisations.fixtures';
import { eventFixtures } from './events.fixtures';

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
const { create, publish, published, page } = eventFixtures(() => ({ t, coordinator }));

const setSpeakers = (id: string, by: TestUser, speakers: { userId: string; talkTitle?: string | null }[]) =>
  t.request({ method: 'PUT', url: `/api/events/${id}/speakers`, cookie: by.cookie, payload: { speakers } });
const speakerNotices = async (user: TestUser) =>
  ((await t.request({ method: 'GET', url: '/api/me/notifications', cookie: user.cookie })).json().items as { kind: string; data: Record<string, unknown> }[]).filter(
    (n) => n.kind === 'event.speaker_added'
  );
const rowsOf = (eventId: string) => t.hub.db.select().from(eventSpeakers).where(eq(eventSpeakers.eventId, eventId));
const setVisibility = async (user: TestUser, visibility: string) => {
  const saved = await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: user.cookie, payload: { visibility } });
  expect(saved.statusCode, saved.body).toBe(200);
};

describe('speakers', () => {
  it('lists speakers in order with talk titles, links only visible profiles, and tells each new speaker once', async () => {
    const open = await t.createUser({ name: 'Ana Abierta' });
    const closed = await t.createUser({ name: 'Beto Reservado' });
    await setVisibility(open, 'everyone');
    await setVisibility(closed, 'members');
    const event = await published({ title: 'Foro de alquiler social' });

    const saved = await setSpeakers(event.id, coordinator, [
      { userId: closed.id, talkTitle: '  Moderación  ' },
      { userId: open.id, talkTitle: 'Alquiler social en Quito' }
    ]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().speakers.map((s: { name: string; talkTitle: string }) => [s.name, s.talkTitle])).toEqual([
      ['Beto Reservado', 'Moderación'],
      ['Ana Abierta', 'Alquiler social en Quito']
    ]);

    // A visitor sees both names; only the public profile is linked.
    const asVisitor = (await page(event.id)).json().speakers as { userId: string; profileVisible: boolean }[];
    expect(asVisitor.map((s) => [s.userId, s.profileVisible])).toEqual([
      [closed.id, false],
      [open.id, true]
    ]);
    // A member may open a members-only profile.
    const member = await t.createUser();
    expect(((await page(event.id, member)).json().speakers as { profileVisible: boolean }[]).map((s) => s.profileVisible)).toEqual([true, true]);

    expect(await speakerNotices(open)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ eventId: event.id, title: 'Foro de alquiler social', talkTitle: 'Alquiler social en Quito' }) })
    ]);

    // Saving again (reordered, a title changed, one removed, one added) tells only the newcomer.
    const third = await t.createUser({ name: 'Caro Nueva' });
    const again = await setSpeakers(event.id, coordinator, [{ userId: open.id, talkTitle: '' }, { userId: third.id }]);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().speakers.map((s: { name: string; talkTitle: string | null }) => [s.name, s.talkTitle])).toEqual([
      ['Ana Abierta', null],
      ['Caro Nueva', null]
    ]);
    expect(await speakerNotices(open)).toHaveLength(1);
    expect(await speakerNotices(third)).toHaveLength(1);
    expect((await rowsOf(event.id)).map((r) => r.userId).sort()).toEqual([open.id, third.id].sort());
  });

  it('refuses unknown and repeated people naming the entry, and writes nothing', async () => {
    const event = await published();
    const person = await t.createUser();
    expect((await setSpeakers(event.id, coordinator, [{ userId: person.id, talkTitle: 'Cierre' }])).statusCode).toBe(200);
    const response = await setSpeakers(event.id, coordinator, [
      { userId: person.id },
      { userId: '00000000-0000-4000-8000-000000000000' },
      { userId: person.id }
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().fields.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual([
      ['body.speakers.1.userId', 'not_found'],
      ['body.speakers.2.userId', 'duplicate']
    ]);
    expect((await rowsOf(event.id)).map((r) => [r.userId, r.talkTitle])).toEqual([[person.id, 'Cierre']]);
  });

  it('lets a hosting organisation’s admin list speakers on a draft, tells them at publication, and refuses another organisation’s admin', async () => {
    const { org, admin } = await orgs.approvedOrganisation();
    const other = await orgs.approvedOrganisation();
    const speaker = await t.createUser({ name: 'Dora Ponente' });
    const draft = await create(admin, { hostOrganisations: [org.slug] });

    const refused = await setSpeakers(draft.id, other.admin, [{ userId: speaker.id }]);
    expect(refused.statusCode).toBe(404);
    const saved = await setSpeakers(draft.id, admin, [{ userId: speaker.id, talkTitle: 'Bienvenida' }]);
    expect(saved.statusCode, saved.body).toBe(200);
    // The draft is hidden from the speaker: nobody tells them yet.
    expect(await speakerNotices(speaker)).toEqual([]);

    await publish(draft.id);
    expect(await speakerNotices(speaker)).toEqual([expect.objectContaining({ data: expect.objectContaining({ eventId: draft.id, talkTitle: 'Bienvenida' }) })]);
    // Published: the coordinators' alone now.
    const late = await setSpeakers(draft.id, admin, []);
    expect(late.statusCode).toBe(403);
    const otherLate = await setSpeakers(draft.id, other.admin, []);
    expect(otherLate.statusCode).toBe(403);
    expect(await rowsOf(draft.id)).toHaveLength(1);
    const rows = await t.hub.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, speaker.id), eq(notifications.kind, 'event.speaker_added')));
    expect(rows).toHaveLength(1);
  });

  it('shows upcoming and past published events on the speaker’s profile, and finds the event by the speaker’s name', async () => {
    const speaker = await t.createUser({ name: 'Elena Zambrano-Quispe' });
    await setVisibility(speaker, 'everyone');
    const upcoming = await published({ title: 'Taller de mejoramiento barrial' });
    const past = await published({ title: 'Encuentro de vivienda social' });
    const draft = await create(coordinator, { title: 'Borrador con ponente' });
    for (const id of [upcoming.id, past.id, draft.id]) expect((await setSpeakers(id, coordinator, [{ userId: speaker.id, talkTitle: 'Panel' }])).statusCode).toBe(200);
    await t.hub.db.execute(sql`update events set starts_at = now() - interval '30 days', ends_at = now() - interval '30 days' + interval '3 hours' where id = ${past.id}`);

    const profile = await t.request({ method: 'GET', url: `/api/people/${speaker.id}` });
    expect(profile.statusCode, profile.body).toBe(200);
    const section = (profile.json().sections as { key: string; total: number; items: { title: string; href: string; detail?: string }[] }[]).find(
      (s) => s.key === 'eventsSpeaking'
    );
    expect(section).toMatchObject({
      total: 2,
      items: [
        { title: 'Taller de mejoramiento barrial', href: `/events/${upcoming.id}`, detail: 'Panel · Santiago' },
        { title: 'Encuentro de vivienda social', href: `/events/${past.id}` }
      ]
    });

    await t.hub.search.drain({ includeBackedOff: true });
    const found = await t.request({ method: 'GET', url: `/api/events?q=${encodeURIComponent('Zambrano-Quispe')}` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items.map((e: { id: string }) => e.id)).toEqual([upcoming.id]);
    // Searching `past` events too: the speaker's name finds it there.
    const foundPast = await t.request({ method: 'GET', url: `/api/events?q=Zambrano-Quispe&when=past` });
    expect(foundPast.json().items.map((e: { id: string }) => e.id)).toEqual([past.id]);
  });

  it('puts speaking entries in the export and removes them, and the name from search, when the account is deleted', async () => {
    const speaker = await t.createUser({ name: 'Fabiola Yupanqui-Borrar' });
    const event = await published({ title: 'Foro de tenencia del suelo' });
    expect((await setSpeakers(event.id, coordinator, [{ userId: speaker.id, talkTitle: 'Tenencia en Lima' }])).statusCode).toBe(200);

    const exported = (await t.request({ method: 'GET', url: '/api/me/export', cookie: speaker.cookie })).json().sections;
    expect(exported.events.speaking).toEqual([
      expect.objectContaining({ event: expect.objectContaining({ id: event.id, title: 'Foro de tenencia del suelo' }), talkTitle: 'Tenencia en Lima' })
    ]);

    await t.hub.search.drain({ includeBackedOff: true });
    expect((await t.request({ method: 'GET', url: '/api/events?q=Yupanqui-Borrar' })).json().items).toHaveLength(1);

    const deleted = await t.request({ method: 'POST', url: '/api/me/delete', cookie: speaker.cookie, payload: { password: speaker.password, confirm: true } });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await rowsOf(event.id)).toEqual([]);
    expect((await page(event.id)).json().speakers).toEqual([]);
    await t.hub.search.drain({ includeBackedOff: true });
    expect((await t.request({ method: 'GET', url: '/api/events?q=Yupanqui-Borrar' })).json().items).toHaveLength(0);
    // A deleted account cannot be listed again.
    const relisted = await setSpeakers(event.id, coordinator, [{ userId: speaker.id }]);
    expect(relisted.statusCode).toBe(400);
  });
});
