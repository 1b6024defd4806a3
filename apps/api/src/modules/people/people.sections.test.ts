// A person's profile gathers what they did in the other domains (discussions,
// events, library), through each module's profileSections, as a visitor sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { eventFixtures } from '../events/events.fixtures';
import { libraryFixtures } from '../library/library.fixtures';

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

async function ask(user: TestUser, title: string) {
  const response = await t.request({
    method: 'POST',
    url: '/api/threads',
    cookie: user.cookie,
    payload: { kind: 'question', title, body: 'Buscamos experiencias.', theme: 'housing_finance', language: 'es', countries: ['PE'], tags: [] }
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().thread.id as string;
}

describe('profile sections from the other domains', () => {
  it('lists the person’s threads, accepted answers, published events and resources, and nothing unpublished', async () => {
    // A coordinator, so the person can also publish events of their own.
    const person = await t.createUser({ role: 'coordinator', name: 'Rosa Recorrido' });
    const asker = await t.createUser();
    const saved = await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: person.cookie, payload: { visibility: 'everyone' } });
    expect(saved.statusCode, saved.body).toBe(200);

    const mine = await ask(person, '¿Cómo funcionan los fondos rotatorios?');
    const theirs = await ask(asker, '¿Quién financia el alquiler social?');
    const answer = await t.request({ method: 'POST', url: `/api/threads/${theirs}/posts`, cookie: person.cookie, payload: { body: 'En Quito, el municipio.' } });
    expect(answer.statusCode, answer.body).toBe(201);
    const accepted = await t.request({ method: 'PUT', url: `/api/threads/${theirs}/accepted-answer`, cookie: asker.cookie, payload: { postId: answer.json().post.id } });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const event = await ev.create(person, { title: 'Recorrido por barrios' });
    await ev.publish(event.id);
    await ev.create(person, { title: 'Borrador sin publicar' });
    const resource = await lib.published(person, { title: 'Guía de mejoramiento barrial' });
    await lib.create(person, { title: 'Informe todavía en borrador' });

    const response = await t.request({ method: 'GET', url: `/api/people/${person.id}` });
    expect(response.statusCode, response.body).toBe(200);
    const sections = new Map((response.json().sections as { key: string; total: number; items: { title: string; href: string }[] }[]).map((s) => [s.key, s]));
    expect(sections.get('threads')?.items.map((i) => i.href)).toEqual([`/discussions/${mine}`]);
    expect(sections.get('acceptedAnswers')?.items).toEqual([expect.objectContaining({ title: '¿Quién financia el alquiler social?' })]);
    expect(sections.get('acceptedAnswers')?.items[0].href).toMatch(new RegExp(`^/discussions/${theirs}\\?post=2`));
    expect(sections.get('eventsHosted')).toMatchObject({ total: 1, items: [expect.objectContaining({ title: 'Recorrido por barrios', href: `/events/${event.id}` })] });
    expect(sections.get('resources')).toMatchObject({ total: 1, items: [expect.objectContaining({ title: 'Guía de mejoramiento barrial' })] });
    expect(sections.get('resources')?.items[0].href).toContain(resource.slug);
    expect(response.body).not.toContain('Borrador sin publicar');
    expect(response.body).not.toContain('todavía en borrador');
  });
});
