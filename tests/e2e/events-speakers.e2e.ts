import { expect, test, type Page } from '@playwright/test';
import { coordinator, createVerifiedAccount, signedInPage } from './support/accounts';

/**
 * An event's people and what follows it, in Spanish: the coordinator lists a speaker
 * from a name search (no script needed), the event page shows them linked to their
 * profile, the profile lists the upcoming and the past event they speak at, the
 * hosting organisation's profile lists both events, and the past event's page shows
 * the library's resources naming it and the follow-up debate.
 */
test('speakers on the event page and their profile; the host’s upcoming and past events; materials and follow-up after the event', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL!;
  const tag = Math.random().toString(36).slice(2, 8);
  const year = new Date().getUTCFullYear();
  const staff = await signedInPage(browser, coordinator());
  const post = async (page: Page, method: 'post' | 'put' | 'patch', url: string, data: unknown, status = 200) => {
    const response = await page.request[method](url, { headers: { origin }, data });
    expect(response.status(), await response.text()).toBe(status);
    return response.json();
  };

  // A demo organisation hosts both events.
  const listed = (await (await staff.request.get('/api/events?pageSize=50')).json()) as { items: Array<{ hosts: Array<{ slug: string; name: string }> }> };
  const host = listed.items.flatMap((e) => e.hosts)[0]!;
  const eventData = (title: string, day: string) => ({
    title,
    description: 'Un encuentro sobre **vivienda social**.',
    format: 'in_person',
    venueName: 'Casa Comunal',
    city: `Ciudad${tag}`,
    country: 'EC',
    timeZone: 'America/Guayaquil',
    startsLocal: `${day}T10:00`,
    endsLocal: `${day}T13:00`,
    languages: ['es'],
    themes: ['social_housing'],
    hostOrganisations: [host.slug]
  });
  const upcomingTitle = `Foro de vivienda social ${tag}`;
  const pastTitle = `Encuentro de cooperativas ${tag}`;
  const upcoming = (await post(staff, 'post', '/api/events', eventData(upcomingTitle, `${year + 1}-05-12`), 201)).event.id as string;
  const past = (await post(staff, 'post', '/api/events', eventData(pastTitle, `${year - 1}-05-12`), 201)).event.id as string;
  for (const id of [upcoming, past]) await post(staff, 'post', `/api/events/${id}/publish`, undefined);

  // The speaker shows their profile to everyone.
  const speakerName = `Rosa Ponente${tag}`;
  const speakerAccount = await createVerifiedAccount(staff.request, origin, speakerName);
  const speaker = await signedInPage(browser, speakerAccount);
  const speakerId = (await post(speaker, 'patch', '/api/me/profile', { visibility: 'everyone', headline: 'Arquitecta de barrio' })).person.id as string;

  // The coordinator finds the speaker by name and adds them, with the talk's title.
  await staff.goto(`/events/${upcoming}`);
  await staff.getByRole('link', { name: 'Editar ponentes' }).click();
  await expect(staff.getByRole('heading', { name: `Ponentes: ${upcomingTitle}` })).toBeVisible();
  await expect(staff.getByText('Todavía no hay ponentes.')).toBeVisible();
  // The directory indexes the new profile a moment after it is saved.
  await expect
    .poll(async () => {
      await staff.getByLabel('Busca a una persona integrante por su nombre').fill(`Ponente${tag}`);
      await staff.getByRole('button', { name: 'Buscar' }).click();
      await staff.waitForURL(/\?q=/);
      return staff.getByTestId('speaker-results').getByText(speakerName).count();
    })
    .toBe(1);
  await staff.getByRole('button', { name: `Agregar a ${speakerName} como ponente` }).click();
  await expect(staff.getByText('Se guardó la lista de ponentes.')).toBeVisible();
  // A second person, added and removed again.
  await staff.getByLabel('Busca a una persona integrante por su nombre').fill('João Pereira');
  await staff.getByRole('button', { name: 'Buscar' }).click();
  await staff.getByRole('button', { name: 'Agregar a João Pereira como ponente' }).click();
  await expect(staff.getByTestId('speakers-form').locator('strong', { hasText: 'João Pereira' })).toBeVisible();
  // Enter in a title field saves the titles (it must not press the first "remove" button).
  await staff.getByLabel(`Título de la charla o rol de ${speakerName}`).fill('Cooperativas de ayuda mutua en Quito');
  await staff.getByLabel(`Título de la charla o rol de ${speakerName}`).press('Enter');
  await expect(staff.getByText('Se guardó la lista de ponentes.')).toBeVisible();
  await expect(staff.getByLabel(`Título de la charla o rol de ${speakerName}`)).toHaveValue('Cooperativas de ayuda mutua en Quito');
  await staff.getByRole('button', { name: 'Quitar a João Pereira' }).click();
  await expect(staff.getByTestId('speakers-form').locator('strong', { hasText: 'João Pereira' })).toHaveCount(0);
  await expect(staff.getByLabel(`Título de la charla o rol de ${speakerName}`)).toHaveValue('Cooperativas de ayuda mutua en Quito');
  await staff.setViewportSize({ width: 320, height: 800 });
  expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await staff.screenshot({ path: 'tests/e2e/.artifacts/speakers-page-320.png', fullPage: true });
  await staff.setViewportSize({ width: 1280, height: 800 });

  // The past event: the same speaker (through the API), a library resource naming it, and a follow-up debate.
  await post(staff, 'put', `/api/events/${past}/speakers`, { speakers: [{ userId: speakerId, talkTitle: 'Relatoría' }] });
  const resourceTitle = `Memoria del encuentro ${tag}`;
  const resource = await post(
    staff,
    'post',
    '/api/library/resources',
    {
      title: resourceTitle,
      summary: 'Lo que se dijo en el encuentro.',
      type: 'report',
      themes: ['social_housing'],
      countries: ['EC'],
      languages: ['es'],
      year: year - 1,
      authors: ['Equipo de coordinación'],
      publisherName: 'Mutirão',
      licence: 'cc-by-4.0',
      relatedEventIds: [past]
    },
    201
  );
  const slug = resource.resource.slug as string;
  await post(staff, 'post', `/api/library/resources/${slug}/submit`, undefined);
  await post(staff, 'post', `/api/library/resources/${slug}/publish`, undefined);
  const thread = await post(
    staff,
    'post',
    '/api/threads',
    { kind: 'discussion', title: `Después del encuentro ${tag}`, body: 'Sigamos la conversación.', theme: 'social_housing', language: 'es' },
    201
  );
  await post(staff, 'put', `/api/events/${past}/follow-up`, { threadId: thread.thread.id });

  // A visitor sees the speaker on the event page, linked to the profile, with the talk's title.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/events/${upcoming}`);
  const speakers = visitor.getByTestId('event-speakers');
  await expect(speakers.getByRole('heading', { name: 'Ponentes' })).toBeVisible();
  await expect(speakers.getByRole('link', { name: speakerName })).toHaveAttribute('href', `/people/${speakerId}`);
  await expect(speakers.getByText('Cooperativas de ayuda mutua en Quito')).toBeVisible();
  await expect(visitor.getByRole('link', { name: 'Editar ponentes' })).toHaveCount(0);
  for (const width of [320, 390]) {
    await visitor.setViewportSize({ width, height: 800 });
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await speakers.screenshot({ path: `tests/e2e/.artifacts/event-speakers-${width}.png` });
  }

  // The speaker's profile lists the upcoming and the past event they speak at.
  await visitor.goto(`/people/${speakerId}`);
  const speaking = visitor.locator('section', { has: visitor.getByRole('heading', { name: 'Participa como ponente en' }) });
  await expect(speaking.getByRole('link')).toHaveText([upcomingTitle, pastTitle]);
  await expect(speaking.getByText('Cooperativas de ayuda mutua en Quito', { exact: false })).toBeVisible();

  // The hosting organisation's profile lists the upcoming event under "Próximos" and the past one under past events.
  await visitor.goto(`/organisations/${host.slug}`);
  const events = visitor.locator('section', { has: visitor.getByRole('heading', { name: 'Eventos', exact: true }) });
  const group = (title: string) => events.locator('h3', { hasText: title }).locator('xpath=following-sibling::ul[1]');
  await expect(group('Próximos').getByRole('link', { name: upcomingTitle })).toHaveAttribute('href', `/events/${upcoming}`);
  await expect(group('Eventos pasados').getByRole('link', { name: pastTitle })).toHaveAttribute('href', `/events/${past}`);
  await expect(group('Próximos').getByRole('link', { name: pastTitle })).toHaveCount(0);

  // After the event: its page lists the library's materials and the follow-up debate.
  await visitor.goto(`/events/${past}`);
  const after = visitor.getByTestId('event-follow-up');
  await expect(after.getByRole('heading', { name: 'Después del evento' })).toBeVisible();
  await expect(after.getByRole('heading', { name: 'Materiales en la biblioteca' })).toBeVisible();
  await expect(after.getByRole('link', { name: resourceTitle })).toHaveAttribute('href', `/library/${slug}`);
  await expect(after.getByRole('link', { name: `Después del encuentro ${tag}` })).toHaveAttribute('href', `/discussions/${thread.thread.id}`);
  await expect(visitor.getByTestId('event-speakers').getByText('Relatoría')).toBeVisible();
});
