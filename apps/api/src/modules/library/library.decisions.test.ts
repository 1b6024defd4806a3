import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { libraryFixtures } from './library.fixtures';

let t: TestHub;
let coordinator: TestUser;
beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator' });
});
afterAll(async () => {
  await t?.close();
});

const { create, step, published } = libraryFixtures(() => ({ t, coordinator }));
const mailTo = async (person: TestUser) => (await t.mail()).filter((m) => m.to === person.email);
const speaks = (person: TestUser, locale: 'es' | 'pt' | 'en') => t.hub.db.update(users).set({ locale }).where(eq(users.id, person.id));

describe('review decisions by mail', () => {
  it('mails the submitter each decision in their own language, with the note and a link', async () => {
    const member = await t.createUser({ name: 'Rosa Autora' });
    await speaks(member, 'es');
    const resource = await create(member, { title: 'Alquiler social en Bogotá' });
    await step(member, resource.slug, 'submit');
    // Nothing is mailed for a submission: only decisions are.
    expect(await mailTo(member)).toEqual([]);

    expect((await step(coordinator, resource.slug, 'request-changes', 'Falta el año de publicación.')).statusCode).toBe(200);
    const [asked] = await mailTo(member);
    expect(asked?.subject).toBe('Se piden cambios en «Alquiler social en Bogotá»');
    expect(asked?.text).toContain('Hola, Rosa Autora');
    expect(asked?.text).toContain('Falta el año de publicación.');
    expect(asked?.text).toContain(`${t.config.publicOrigin}/library/${resource.slug}/edit`);

    await speaks(member, 'pt');
    await step(member, resource.slug, 'submit');
    expect((await step(coordinator, resource.slug, 'publish')).statusCode).toBe(200);
    const done = (await mailTo(member)).find((m) => m !== asked && m.subject.includes('publicado'));
    expect(done?.subject).toBe('“Alquiler social en Bogotá” foi publicado na biblioteca');
    expect(done?.text).toContain(`${t.config.publicOrigin}/library/${resource.slug}`);
    expect(await mailTo(member)).toHaveLength(2);
  });

  it('mails a rejection in English with its reason', async () => {
    const member = await t.createUser();
    const resource = await create(member, { title: 'Unrelated brochure' });
    await step(member, resource.slug, 'submit');
    await step(coordinator, resource.slug, 'reject', 'Not about housing.');
    const mails = await mailTo(member);
    expect(mails.map((m) => m.subject)).toEqual(['“Unrelated brochure” will not be published in the library']);
    expect(mails[0]!.text).toContain('Not about housing.');
  });

  it('keeps the in-app notification but sends no mail to a person who turned that kind off', async () => {
    const member = await t.createUser();
    const off = await t.request({
      method: 'PUT',
      url: '/api/me/notification-settings',
      cookie: member.cookie,
      payload: { email: ['resource.changes_requested', 'resource.rejected'] }
    });
    expect(off.statusCode, off.body).toBe(200);
    const resource = await published(member, { title: 'Guía de mejoramiento barrial' });
    const told = (await t.request({ method: 'GET', url: '/api/me/notifications', cookie: member.cookie })).json().items;
    expect(told.map((n: { kind: string }) => n.kind)).toContain('resource.published');
    expect(await mailTo(member)).toEqual([]);
    // The kinds left on still mail.
    await step(coordinator, resource.slug, 'request-changes', 'Actualizar la portada.');
    expect((await mailTo(member)).map((m) => m.subject)).toEqual(['Changes requested on “Guía de mejoramiento barrial”']);
  });

  it('sends no mail when coordinators decide on their own resource', async () => {
    const resource = await create(coordinator, { title: 'Publicación directa' });
    expect((await step(coordinator, resource.slug, 'publish')).statusCode).toBe(200);
    expect((await mailTo(coordinator)).filter((m) => m.subject.includes('Publicación directa'))).toEqual([]);
  });
});

describe('resources related to a thread or an event', () => {
  it('lists only the published resources that name the thread or the event, newest first', async () => {
    const member = await t.createUser();
    const thread = randomUUID();
    const event = randomUUID();
    const older = await published(member, { title: 'Relacionado antiguo', relatedThreadIds: [thread] });
    const newer = await published(member, { title: 'Relacionado reciente', relatedThreadIds: [randomUUID(), thread], relatedEventIds: [event] });
    const draft = await create(member, { title: 'Relacionado borrador', relatedThreadIds: [thread] });
    await published(member, { title: 'Sin relación' });

    const forThread = await t.request({ method: 'GET', url: `/api/library/related/thread/${thread}` });
    expect(forThread.statusCode, forThread.body).toBe(200);
    const slugs = forThread.json().items.map((i: { slug: string }) => i.slug);
    expect(slugs).toEqual([newer.slug, older.slug]);
    expect(slugs).not.toContain(draft.slug);

    const forEvent = await t.request({ method: 'GET', url: `/api/library/related/event/${event}` });
    expect(forEvent.json().items.map((i: { slug: string }) => i.slug)).toEqual([newer.slug]);
    // A thread id named only as an event finds nothing, and withdrawn resources drop out.
    expect((await t.request({ method: 'GET', url: `/api/library/related/event/${thread}` })).json().items).toEqual([]);
    await step(coordinator, newer.slug, 'reject', 'Duplicado.');
    const after = await t.request({ method: 'GET', url: `/api/library/related/thread/${thread}` });
    expect(after.json().items.map((i: { slug: string }) => i.slug)).toEqual([older.slug]);
  });

  it('refuses a kind it does not know and an id that is not one', async () => {
    for (const url of [`/api/library/related/organisation/${randomUUID()}`, '/api/library/related/thread/not-an-id']) {
      const response = await t.request({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
