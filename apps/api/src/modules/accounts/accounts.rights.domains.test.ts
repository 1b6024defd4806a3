// Account rights across discussions, events and the library: what the export holds
// and what a deletion leaves behind, through the API as people use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { eventCalendarTokens, eventRegistrations, events, notifications, posts, resources, themeFollows, threadFollows, threadReads, threads } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { filesUnder } from '../../../../../tests/fixtures/snapshot';
import { eventFixtures } from '../events/events.fixtures';
import { libraryFixtures, minimalPdf } from '../library/library.fixtures';

let t: TestHub;
let coordinator: TestUser;
const ev = eventFixtures(() => ({ t, coordinator }));
const lib = libraryFixtures(() => ({ t, coordinator }));

beforeAll(async () => {
  t = await createTestHub({ AUTH_RATE_LIMIT: '100000' });
  coordinator = await t.createUser({ role: 'coordinator' });
});
afterAll(async () => {
  await t?.close();
});

const exportOf = async (person: TestUser) => {
  const response = await t.request({ method: 'GET', url: '/api/me/export', cookie: person.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().sections;
};
const del = async (person: TestUser) => {
  const response = await t.request({ method: 'POST', url: '/api/me/delete', cookie: person.cookie, payload: { password: person.password, confirm: true } });
  expect(response.statusCode, response.body).toBe(204);
};

describe('discussions', () => {
  const ask = async (user: TestUser, title: string) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/threads',
      cookie: user.cookie,
      payload: { kind: 'question', title, body: 'Buscamos experiencias de **microcrédito**.', theme: 'housing_finance', language: 'es', countries: ['PE'], tags: [] }
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().thread.id as string;
  };
  const reply = async (threadId: string, user: TestUser, body: string) => {
    const response = await t.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, cookie: user.cookie, payload: { body } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().post as { id: string };
  };

  it('exports threads, posts, revisions, reactions, flags, follows, read positions and watched themes; deletion keeps the writing under the former member', async () => {
    const person = await t.createUser({ name: 'Dora Debate' });
    const other = await t.createUser({ name: 'Otto Otro' });
    const mine = await ask(person, '¿Fondos rotatorios para mejoras de vivienda?');
    const theirs = await ask(other, '¿Alquiler social en ciudades intermedias?');
    const post = await reply(theirs, person, 'Primera versión de mi respuesta');
    expect((await t.request({ method: 'PATCH', url: `/api/posts/${post.id}`, cookie: person.cookie, payload: { body: 'Segunda versión' } })).statusCode).toBe(200);
    const theirReply = await reply(mine, other, 'Compra seguidores baratos');
    expect((await t.request({ method: 'PUT', url: `/api/posts/${theirReply.id}/helpful`, cookie: person.cookie })).statusCode).toBeLessThan(300);
    expect((await t.request({ method: 'POST', url: `/api/posts/${theirReply.id}/flags`, cookie: person.cookie, payload: { reason: 'spam', note: 'Parece publicidad' } })).statusCode).toBeLessThan(300);
    expect((await t.request({ method: 'PUT', url: '/api/me/watched-themes', cookie: person.cookie, payload: { themes: ['gender'] } })).statusCode).toBe(200);
    // Reading the thread records where the person stopped.
    expect((await t.request({ method: 'GET', url: `/api/threads/${theirs}`, cookie: person.cookie })).statusCode).toBe(200);

    const { discussions } = await exportOf(person);
    expect(discussions.threads.map((x: { id: string }) => x.id)).toEqual([mine]);
    expect(discussions.posts.map((p: { body: string }) => p.body)).toEqual(['Buscamos experiencias de **microcrédito**.', 'Segunda versión']);
    expect(discussions.revisions.map((r: { body: string }) => r.body)).toEqual(['Primera versión de mi respuesta']);
    expect(discussions.helpfulReactions).toEqual([expect.objectContaining({ postId: theirReply.id, threadId: mine })]);
    expect(discussions.flags).toEqual([expect.objectContaining({ postId: theirReply.id, reason: 'spam', note: 'Parece publicidad' })]);
    expect(discussions.follows).toEqual(
      expect.arrayContaining([expect.objectContaining({ threadId: mine, level: 'watching' }), expect.objectContaining({ threadId: theirs, level: 'tracking' })])
    );
    expect(discussions.readPositions.map((r: { threadId: string }) => r.threadId)).toContain(theirs);
    expect(discussions.watchedThemes).toEqual([expect.objectContaining({ theme: 'gender' })]);
    // The other person's words are not the person's data.
    expect(JSON.stringify(discussions)).not.toContain('Compra seguidores');

    await del(person);
    // Their writing stays, shown under the former-member name.
    const page = (await t.request({ method: 'GET', url: `/api/threads/${theirs}`, cookie: other.cookie })).json();
    expect(JSON.stringify(page)).toContain('Segunda versión');
    expect(JSON.stringify(page)).not.toContain('Dora Debate');
    expect(await t.hub.db.select().from(threads).where(eq(threads.authorId, person.id))).toHaveLength(1);
    expect(await t.hub.db.select().from(posts).where(eq(posts.authorId, person.id))).toHaveLength(2);
    // What served only their reading is gone.
    expect(await t.hub.db.select().from(threadFollows).where(eq(threadFollows.userId, person.id))).toEqual([]);
    expect(await t.hub.db.select().from(threadReads).where(eq(threadReads.userId, person.id))).toEqual([]);
    expect(await t.hub.db.select().from(themeFollows).where(eq(themeFollows.userId, person.id))).toEqual([]);
    // A reply in their old thread no longer notifies them.
    await reply(mine, other, 'Otra respuesta después');
    expect(await t.hub.db.select().from(notifications).where(eq(notifications.userId, person.id))).toEqual([]);
  });
});

describe('events', () => {
  it('exports registrations with their answers, the feed token and drafted events', async () => {
    const person = await t.createUser();
    const event = await ev.published({
      title: 'Taller de alquiler',
      questions: [{ id: 'diet', label: 'Necesidades alimentarias', kind: 'text', required: false }]
    });
    expect((await ev.register(event.id, person, { diet: 'vegetariana' })).statusCode).toBe(201);
    await t.request({ method: 'GET', url: '/api/me/calendar-feed', cookie: person.cookie });
    const [token] = await t.hub.db.select().from(eventCalendarTokens).where(eq(eventCalendarTokens.userId, person.id));
    const drafted = await ev.create(coordinator, { title: 'Borrador de la coordinación' });

    const { events: mine } = await exportOf(person);
    expect(mine.registrations).toEqual([
      expect.objectContaining({ event: expect.objectContaining({ id: event.id, title: 'Taller de alquiler' }), status: 'confirmed', answers: [{ question: 'Necesidades alimentarias', answer: 'vegetariana' }] })
    ]);
    expect(mine.calendarFeedToken).toBe(token.token);
    expect(mine.eventsCreated).toEqual([]);
    expect((await exportOf(coordinator)).events.eventsCreated.map((e: { id: string }) => e.id)).toContain(drafted.id);
  });

  it('gives up upcoming places on deletion: the first person waiting is promoted and told; the feed stops', async () => {
    const event = await ev.published({ title: 'Foro con dos plazas', capacity: 2 });
    const [leaving, staying, waiting, later] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser()]);
    for (const p of [leaving, staying, waiting, later]) expect((await ev.register(event.id, p)).statusCode).toBe(201);
    const { url } = (await t.request({ method: 'GET', url: '/api/me/calendar-feed', cookie: leaving.cookie })).json();

    await del(leaving);
    const rows = await t.hub.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    const statusOf = (p: TestUser) => rows.find((r) => r.userId === p.id)?.status;
    expect([statusOf(leaving), statusOf(staying), statusOf(waiting), statusOf(later)]).toEqual(['cancelled', 'confirmed', 'confirmed', 'waitlisted']);
    const [counters] = await t.hub.db.select().from(events).where(eq(events.id, event.id));
    expect(counters).toMatchObject({ confirmedCount: 2, waitlistCount: 1 });
    expect((await ev.page(event.id, later)).json().viewer.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // The promoted person is told in the app and by mail.
    const told = await t.hub.db.select().from(notifications).where(eq(notifications.userId, waiting.id));
    expect(told.map((n) => n.kind)).toEqual(['event.promoted']);
    await t.drainJobs();
    expect((await t.mail()).some((m) => m.to === waiting.email)).toBe(true);
    // The secret feed no longer answers.
    expect((await t.request({ method: 'GET', url: new URL(url).pathname })).statusCode).toBe(404);
    expect(await t.hub.db.select().from(eventCalendarTokens).where(eq(eventCalendarTokens.userId, leaving.id))).toEqual([]);
  });
});

describe('library', () => {
  it('exports submissions and file metadata; deletion removes unsubmitted drafts and their files, and keeps what was submitted', async () => {
    const person = await t.createUser();
    const published = await lib.published(person, { title: 'Informe publicado de vivienda' }, { text: ['Texto del informe publicado'] });
    const pending = await lib.create(person, { title: 'Informe en revisión' });
    expect((await lib.step(person, pending.slug, 'submit')).statusCode).toBe(200);
    // The published file's extraction and cover first, so what follows is the draft's alone.
    await t.drainJobs();
    const filesBefore = await filesUnder(t.config.uploadsDir);
    const draft = await lib.create(person, { title: 'Borrador nunca enviado' });
    expect((await lib.upload(person, draft.slug, 'borrador.pdf', minimalPdf('Borrador', ['Texto del borrador']))).statusCode).toBe(201);
    await t.drainJobs();
    expect((await filesUnder(t.config.uploadsDir)).length).toBeGreaterThan(filesBefore.length);

    const { library } = await exportOf(person);
    expect(library.submissions.map((s: { slug: string; status: string }) => [s.slug, s.status])).toEqual([
      [published.slug, 'published'],
      [pending.slug, 'pending'],
      [draft.slug, 'draft']
    ]);
    expect(library.files.map((f: { filename: string; resource: { slug: string } }) => [f.resource.slug, f.filename])).toEqual([
      [published.slug, 'documento.pdf'],
      [draft.slug, 'borrador.pdf']
    ]);

    await del(person);
    const left = await t.hub.db.select().from(resources).where(eq(resources.submitterId, person.id));
    expect(left.map((r) => r.slug).sort()).toEqual([published.slug, pending.slug].sort());
    // The draft's file (and any cover made from it) is gone from storage; the others' stay.
    expect(await filesUnder(t.config.uploadsDir)).toEqual(filesBefore);
    expect((await t.request({ method: 'GET', url: `/api/library/resources/${published.slug}` })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/library/resources/${draft.slug}`, cookie: coordinator.cookie })).statusCode).toBe(404);
  });
});
