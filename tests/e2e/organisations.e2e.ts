import { expect, test } from '@playwright/test';
import { coordinator, createVerifiedAccount, signedInPage } from './support/accounts';
import { seriousViolations } from './support/axe';

/**
 * Member organisations as people meet them: a member applies, a coordinator approves
 * from the queue, a visitor finds the organisation in the directory by a misspelt name
 * and by country, a second member asks to join and the admin accepts; the public
 * profile then lists both. The interface is in Spanish (the config's locale).
 */

test('apply, approve, find in the directory, join, and appear on the profile', async ({ browser, request, baseURL }) => {
  const suffix = Math.random().toString(36).slice(2, 6);
  const name = `Cooperativa Xochimilco ${suffix}`;
  const applicant = await createVerifiedAccount(request, baseURL!, 'Amaranta Applicant');
  const joiner = await createVerifiedAccount(request, baseURL!, 'Bruno Joiner');

  // 1. A member applies.
  const member = await signedInPage(browser, applicant);
  await member.goto('/organisations/apply');
  await member.getByLabel('Nombre de la organización').fill(name);
  await member.getByLabel('Tipo', { exact: true }).selectOption('community_based');
  const countries = member.getByRole('group', { name: /^Países donde trabaja/ });
  await countries.getByRole('checkbox', { name: 'Belice' }).check();
  await countries.getByRole('checkbox', { name: 'México' }).check();
  await member.getByLabel('Ciudad de la sede').fill('Belmopan');
  await member.getByLabel('País de la sede').selectOption('BZ');
  await member.getByLabel('Correo de contacto').fill('hola@xochimilco.example.org');
  await member.getByLabel('Descripción breve').fill('Cooperativa de vivienda por ayuda mutua en la frontera sur.');
  await member.getByRole('checkbox', { name: 'Vivienda progresiva y autoconstrucción' }).check();
  await member.getByRole('button', { name: 'Enviar la solicitud' }).click();
  await expect(member).toHaveURL(/\/organisations\/mine\?applied=1/);
  await expect(member.getByText('Solicitud enviada')).toBeVisible();
  await expect(member.getByRole('listitem').filter({ hasText: name })).toContainText('En revisión');

  // Not public while pending.
  const visitorContext = await browser.newContext({ locale: 'es-AR' });
  const visitor = await visitorContext.newPage();
  const slug = (await member.getByRole('link', { name }).getAttribute('href'))!.split('/').pop()!;
  expect((await visitor.goto(`/organisations/${slug}`))!.status()).toBe(404);

  // 2. A coordinator approves it from the queue.
  const reviewer = await signedInPage(browser, coordinator());
  await reviewer.goto('/admin/organisations');
  const entry = reviewer.getByRole('listitem').filter({ has: reviewer.getByRole('heading', { name }) });
  await expect(entry).toContainText(applicant.email);
  await entry.getByRole('button', { name: 'Aprobar' }).click();
  await expect(reviewer.getByRole('status')).toContainText(name);

  // 3. A visitor finds it by a misspelt name, and by country.
  await expect(async () => {
    await visitor.goto('/organisations?q=Xochimilko');
    await expect(visitor.getByRole('link', { name })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await visitor.goto('/organisations');
  // The filters are folded into a panel; a person opens it first.
  await visitor.locator('summary', { hasText: 'Filtros' }).click();
  await visitor.getByRole('checkbox', { name: /^Belice/ }).check();
  await visitor.getByRole('button', { name: 'Aplicar filtros' }).click();
  await expect(visitor).toHaveURL(/country=BZ/);
  await expect(visitor.getByRole('link', { name })).toBeVisible();

  // 4. A second member asks to join; 5. the admin accepts.
  const second = await signedInPage(browser, joiner);
  await second.goto(`/organisations/${slug}`);
  await second.getByLabel('Mensaje para quienes administran la organización').fill('Soy arquitecto de la cooperativa.');
  await second.getByRole('button', { name: 'Enviar solicitud para unirme' }).click();
  await expect(second.getByText('Pediste unirte')).toBeVisible();

  await member.goto(`/organisations/${slug}/manage`);
  const request_ = member.getByRole('listitem').filter({ hasText: joiner.name });
  await expect(request_).toContainText('Soy arquitecto de la cooperativa.');
  await request_.getByRole('button', { name: 'Aceptar' }).click();
  await expect(member.getByRole('status')).toContainText('Guardado');

  // 6. The public profile lists both.
  await visitor.goto(`/organisations/${slug}`);
  const staff = visitor.getByRole('region', { name: 'Equipo' });
  await expect(staff).toContainText(applicant.name);
  await expect(staff).toContainText(joiner.name);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the directory searches and filters through a GET form, and the URL keeps the search', async ({ page }) => {
    await page.goto('/organisations');
    await page.getByLabel('Buscar organizaciones').fill('vivenda');
    await page.locator('summary', { hasText: 'Filtros' }).click();
    await page.getByRole('checkbox', { name: /^Colombia/ }).check();
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await expect(page).toHaveURL(/q=vivenda/);
    await expect(page).toHaveURL(/country=CO/);
    // The demo's "Fundación Vivienda Digna" works in Colombia.
    await expect(page.getByRole('link', { name: 'Fundación Vivienda Digna' })).toBeVisible();
    // The chosen filters stay ticked inside the folded panel.
    await expect(page.getByRole('checkbox', { name: /^Colombia/, includeHidden: true })).toBeChecked();
    // A shared link reproduces the same search.
    await page.goto('/organisations?sort=name&type=ngo');
    await expect(page.getByLabel('Ordenar por')).toHaveValue('name');
    await expect(page.getByRole('checkbox', { name: /^ONG/, includeHidden: true })).toBeChecked();
  });
});

test.describe('accessibility', () => {
  // axe is injected as a script, which the pages' CSP rightly refuses.
  test.use({ bypassCSP: true });

  test('axe finds no serious or critical problem on the organisation pages', async ({ page, browser, request, baseURL }) => {
    const problems: string[] = [];
    for (const path of ['/organisations', '/organisations?q=vivenda&country=CO', '/organisations/fundacion-vivienda-digna', '/invitations/aaaaaaaaaaaaaaaaaaaaaaaa']) {
      await page.goto(path);
      problems.push(...(await seriousViolations(page)));
    }
    const member = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Eva Axe'));
    for (const path of ['/organisations/apply', '/organisations/mine', '/organisations/fundacion-vivienda-digna']) {
      await member.goto(path);
      problems.push(...(await seriousViolations(member)));
    }
    // The application form showing its errors, as the server renders them.
    await member.goto('/organisations/apply');
    await member.locator('form.stack').evaluate((form: HTMLFormElement) => (form.noValidate = true));
    await member.getByRole('button', { name: 'Enviar la solicitud' }).click();
    await expect(member.locator('.field-error').first()).toBeVisible();
    problems.push(...(await seriousViolations(member)));

    const reviewer = await signedInPage(browser, coordinator());
    await reviewer.goto('/admin/organisations');
    problems.push(...(await seriousViolations(reviewer)));
    const manage = '/organisations/fundacion-vivienda-digna/manage';
    await reviewer.goto(manage);
    problems.push(...(await seriousViolations(reviewer)));
    expect(problems).toEqual([]);
  });
});
