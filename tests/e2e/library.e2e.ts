import { expect, test } from '@playwright/test';
import { minimalPdf } from '../../db/seed/pdf';
import { coordinator, createVerifiedAccount, signedInPage } from './support/accounts';
import { seriousViolations } from './support/axe';

/**
 * The library as people meet it: a member contributes a PDF, a coordinator approves it
 * from the review queue, and a visitor finds it by a misspelt word that appears only
 * inside the PDF, narrows the results by country, opens it, downloads the file and
 * copies its BibTeX. The interface is in Spanish (the config's locale).
 */

test('contribute a PDF, approve it, find it by a word inside it, download it and copy its citation', async ({ browser, request, baseURL }) => {
  const suffix = Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 4).padEnd(4, 'q');
  const title = `Diagnóstico habitacional de Belmopan ${suffix}`;
  // A word only the PDF holds: neither the title nor the summary says it.
  const hidden = `palafiteros${suffix}`;
  const misspelt = `palafteros${suffix}`;
  const submitter = await createVerifiedAccount(request, baseURL!, 'Rosa Recursos');

  // 1. A member contributes a PDF.
  const member = await signedInPage(browser, submitter);
  await member.goto('/library/new');
  await member.getByLabel('Título').fill(title);
  await member.getByLabel('Resumen').fill('Un diagnóstico de las condiciones de vivienda en los barrios ribereños.');
  await member.getByLabel('Tipo de recurso').selectOption('report');
  await member.getByLabel('Países').selectOption(['BZ']);
  await member.getByLabel('Año de publicación').fill('2024');
  await member.getByLabel('Autoras y autores').fill('Rosa Recursos\nTomás Ortega');
  await member.getByLabel('Archivo').setInputFiles({
    name: 'diagnostico.pdf',
    mimeType: 'application/pdf',
    buffer: minimalPdf(title, [`Las familias ${hidden} viven sobre el agua y piden mejoramiento de sus viviendas.`])
  });
  await member.getByRole('button', { name: 'Enviar para revisión' }).click();
  await expect(member).toHaveURL(/\/library\/diagnostico-habitacional-de-belmopan-[a-z]+\?submitted=1/);
  await expect(member.getByText('Tu aporte fue enviado')).toBeVisible();
  const slug = new URL(member.url()).pathname.split('/').pop()!;

  // Not public while it waits for review.
  const visitorContext = await browser.newContext({ locale: 'es-AR', acceptDownloads: true });
  await visitorContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  const visitor = await visitorContext.newPage();
  expect((await visitor.goto(`/library/${slug}`))!.status()).toBe(404);

  // 2. A coordinator approves it from the queue.
  const reviewer = await signedInPage(browser, coordinator());
  await reviewer.goto('/library/review');
  await reviewer.getByRole('link', { name: title }).click();
  await reviewer.getByRole('button', { name: 'Aprobar y publicar' }).click();
  await expect(reviewer.getByText('Publicado: ya está en la biblioteca.')).toBeVisible();

  // 3. A visitor finds it by the misspelt word inside the PDF (once the text is extracted and indexed).
  await expect(async () => {
    await visitor.goto(`/library?q=${misspelt}`);
    await expect(visitor.getByRole('link', { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(visitor.locator('mark', { hasText: new RegExp(`^${hidden.slice(0, 6)}`, 'i') })).toBeVisible();

  // 4. Narrows by country: ticking Belice updates the results (and the URL) at once.
  await visitor.locator('summary', { hasText: 'Filtros' }).click();
  await visitor.getByRole('checkbox', { name: /^Belice/ }).check();
  await expect(visitor).toHaveURL(/country=BZ/);
  await expect(visitor.getByRole('link', { name: title })).toBeVisible();

  // 5. Opens it and downloads the file.
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(title);
  const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('link', { name: 'Descargar diagnostico.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('diagnostico.pdf');

  // 6. Copies its BibTeX.
  await visitor.getByRole('button', { name: 'Copiar BibTeX' }).click();
  await expect(visitor.getByText('Cita copiada.')).toBeVisible();
  const copied = await visitor.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^@techreport\{recursos2024/);
  expect(copied).toContain(`title = {${title}}`);

  await visitorContext.close();
});

test.describe('accessibility', () => {
  // axe is injected as a script, which the pages' CSP rightly refuses.
  test.use({ bypassCSP: true });

  test('axe finds no serious or critical problem on the library pages', async ({ page, browser, request, baseURL }) => {
    test.setTimeout(120_000);
    const newest = (await (await request.get(`${baseURL}/api/library/newest?limit=1`)).json()) as { items: Array<{ slug: string }> };
    const resource = `/library/${newest.items[0]!.slug}`;
    const problems: string[] = [];
    for (const path of ['/library', '/library?q=vivenda&country=CO', resource]) {
      await page.goto(path);
      problems.push(...(await seriousViolations(page)));
    }
    const member = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Iris Axe'), { bypassCSP: true });
    for (const path of ['/library/new', '/library/mine']) {
      await member.goto(path);
      problems.push(...(await seriousViolations(member)));
    }
    const reviewer = await signedInPage(browser, coordinator(), { bypassCSP: true });
    for (const path of ['/library/review', resource, `${resource}/edit`]) {
      await reviewer.goto(path);
      problems.push(...(await seriousViolations(reviewer)));
    }
    expect(problems).toEqual([]);
  });
});
