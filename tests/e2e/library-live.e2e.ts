import { expect, test } from '@playwright/test';
import { coordinator, createVerifiedAccount, signedInPage } from './support/accounts';

/**
 * A resource page follows its resource: the submitter has it open while a coordinator
 * asks for changes, and the status and the note appear without a reload, announced to
 * screen readers. The discussion the resource names as related lists it back once it
 * is published. Interface in Spanish.
 */
test('the submitter sees the decision arrive live, and the related thread lists the published resource', async ({ browser, request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const suffix = Math.random().toString(36).slice(2, 6);
  const staff = await signedInPage(browser, coordinator());
  const thread = await staff.request.post('/api/threads', {
    headers: { origin },
    data: { kind: 'discussion', title: `Alquiler social en debate ${suffix}`, body: '¿Qué experiencias hay?', theme: 'social_housing', language: 'es' }
  });
  expect(thread.status(), await thread.text()).toBe(201);
  const threadId = ((await thread.json()) as { thread: { id: string } }).thread.id;

  const member = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Lía Aportante'));
  const title = `Guía de alquiler social ${suffix}`;
  const created = await member.request.post('/api/library/resources', {
    headers: { origin },
    data: {
      title,
      summary: 'Una guía breve.',
      type: 'toolkit',
      themes: ['social_housing'],
      countries: ['UY'],
      languages: ['es'],
      year: 2024,
      authors: ['Lía Aportante'],
      publisherName: 'Cooperativa Sur',
      licence: 'cc-by-4.0',
      relatedThreadIds: [threadId]
    }
  });
  expect(created.status(), await created.text()).toBe(201);
  const { slug } = ((await created.json()) as { resource: { slug: string } }).resource;
  expect((await member.request.post(`/api/library/resources/${slug}/submit`, { headers: { origin } })).status()).toBe(200);

  await member.goto(`/library/${slug}`);
  await expect(member.locator('span.status')).toHaveText('En revisión');
  await expect(member.locator('[data-live="open"]')).toHaveCount(1);
  await member.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  // Not yet published: the thread does not list it.
  await staff.goto(`/discussions/${threadId}`);
  await expect(staff.locator('[data-related-resources]')).toHaveCount(0);

  const asked = await staff.request.post(`/api/library/resources/${slug}/request-changes`, { headers: { origin }, data: { note: 'Añadan el año de la ley citada.' } });
  expect(asked.status()).toBe(200);
  await expect(member.locator('span.status')).toHaveText('Cambios pedidos');
  await expect(member.getByText('Añadan el año de la ley citada.')).toBeVisible();
  await expect(member.locator('[aria-live="polite"]').filter({ hasText: 'Este recurso se actualizó' })).toHaveCount(1);
  expect(await member.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true)).toBe(true);

  expect((await staff.request.post(`/api/library/resources/${slug}/publish`, { headers: { origin } })).status()).toBe(200);
  await expect(member.locator('span.status')).toHaveCount(0);

  await staff.reload();
  const related = staff.getByRole('region', { name: 'En la biblioteca' });
  await expect(related.getByRole('link', { name: title })).toHaveAttribute('href', `/library/${slug}`);
  await member.context().close();
  await staff.context().close();
});
