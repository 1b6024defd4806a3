import { expect, test } from '@playwright/test';
import { coordinator, signedInPage } from './support/accounts';

/**
 * Events across the hub, in Spanish: the visitors' home shows what is next, a
 * listing card shows the cover thumbnail, and the organisers link a follow-up
 * debate that every visitor then finds on the event page.
 */
test('what is next on the home, the cover on the card, and a follow-up debate on the event page', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const tag = Math.random().toString(36).slice(2, 8);
  const city = `Ciudad${tag}`;
  const title = `Taller de mejoramiento ${tag}`;
  const year = new Date().getUTCFullYear() + 1;

  const staff = await signedInPage(browser, coordinator());
  const created = await staff.request.post('/api/events', {
    headers: { origin },
    data: {
      title,
      description: 'Un **taller** sobre mejoramiento de asentamientos informales.',
      format: 'in_person',
      venueName: 'Casa de la Cultura',
      city,
      country: 'PE',
      timeZone: 'America/Lima',
      startsLocal: `${year}-03-10T10:00`,
      endsLocal: `${year}-03-10T13:00`,
      languages: ['es'],
      themes: ['settlement_upgrading']
    }
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { event: { id: string } }).event.id;
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#2a6"/></svg>');
  const cover = await staff.request.post(`/api/events/${id}/cover`, { headers: { origin }, multipart: { cover: { name: 'cover.svg', mimeType: 'image/svg+xml', buffer: svg } } });
  expect(cover.status(), await cover.text()).toBe(200);
  expect((await staff.request.post(`/api/events/${id}/publish`, { headers: { origin } })).status()).toBe(200);
  const thread = await staff.request.post('/api/threads', {
    headers: { origin },
    data: { kind: 'discussion', title: `Después del taller ${tag}`, body: 'Lo que aprendimos en el taller.', theme: 'settlement_upgrading', language: 'es' }
  });
  expect(thread.status(), await thread.text()).toBe(201);
  const threadId = ((await thread.json()) as { thread: { id: string } }).thread.id;

  // The visitors' home: the next published events, soonest first, as the listing has them.
  const visitor = await (await browser.newContext()).newPage();
  const next = (await (await visitor.request.get('/api/events?when=upcoming&status=published&pageSize=4')).json()) as { items: Array<{ title: string }> };
  await visitor.goto('/');
  const home = visitor.locator('#home-events').locator('..');
  await expect(home.locator('a[href^="/events/"]')).toHaveText(next.items.map((e) => e.title));

  // The card in the listing carries the small, lazy cover.
  await visitor.goto(`/events?city=${city}`);
  const thumb = visitor.locator('.event-card img.thumb');
  await expect(thumb).toHaveCount(1);
  await expect(thumb).toHaveAttribute('loading', 'lazy');
  await expect(thumb).toHaveAttribute('width', '160');
  await expect(thumb).toHaveAttribute('height', '90');
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

  // The coordinator links the follow-up debate: a wrong address is refused on the field, the real one is kept.
  await staff.goto(`/events/${id}`);
  await staff.getByText('Vincular el debate de seguimiento').click();
  await staff.getByLabel('Debate').fill('/discussions/no-existe');
  await staff.getByRole('button', { name: 'Guardar el vínculo' }).click();
  await expect(staff.getByText('Ningún debate público tiene esta dirección.')).toBeVisible();
  await staff.getByLabel('Debate').fill(`${origin}/discussions/${threadId}`);
  await staff.getByRole('button', { name: 'Guardar el vínculo' }).click();
  await expect(staff.getByText('El debate de seguimiento quedó vinculado.')).toBeVisible();

  await visitor.goto(`/events/${id}`);
  const followUp = visitor.getByTestId('event-follow-up');
  await expect(followUp.getByRole('heading', { name: 'Después del evento' })).toBeVisible();
  await expect(followUp.getByRole('link', { name: `Después del taller ${tag}` })).toHaveAttribute('href', `/discussions/${threadId}`);
  // Nobody but the organisers sees the form.
  await expect(visitor.getByText('Vincular el debate de seguimiento')).toHaveCount(0);
  await visitor.setViewportSize({ width: 320, height: 800 });
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
