import { expect, test, type Page } from '@playwright/test';
import { coordinator, createVerifiedAccount, signedInPage } from './support/accounts';
import { seriousViolations } from './support/axe';
import { applyForOrganisation, approveOrganisation } from './support/organisations';

/**
 * Pages that follow what they show. A coordinator has the review queue open when a
 * member applies: the notification count, the Administration count and the queue
 * itself change without a reload. The applicant has "My organisations" and their home
 * open when the coordinator approves: both change without a reload, and a screen
 * reader hears that the page was updated. Then the newcomer's points: a form's answer
 * takes focus and is in view, the application form's countries, website and logo,
 * the directory's chart, and withdrawing a request to join. Interface in Spanish.
 */

const banner = (page: Page) => page.getByRole('banner');
const noReloadMark = async (page: Page) => page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
const stillSameDocument = async (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

test('a coordinator hears of a new application live, and the applicant’s open pages update live on approval', async ({ browser, request, baseURL }) => {
  const name = `Cooperativa En Vivo ${Math.random().toString(36).slice(2, 6)}`;

  // The coordinator has the review queue open.
  const reviewer = await signedInPage(browser, coordinator());
  await reviewer.goto('/admin/organisations');
  await expect(reviewer.locator('[data-live="open"]')).toHaveCount(1);
  const adminLink = banner(reviewer).getByRole('link', { name: /^Administración/ });
  const waitingBefore = Number(await adminLink.getAttribute('data-review-count'));
  await noReloadMark(reviewer);

  // A member applies (the form has its own test below) and keeps their pages open.
  const applicant = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Vera Envivo'));
  const org = await applyForOrganisation(applicant, baseURL!, name);

  // The coordinator's page hears of it: the notification count, the Administration count and the queue.
  await expect(banner(reviewer).getByRole('link', { name: /^Notificaciones \(\d+ sin leer\)$/ })).toBeVisible();
  await expect(adminLink).toHaveAttribute('data-review-count', String(waitingBefore + 1));
  await expect(adminLink).toHaveAccessibleName(`Administración (${waitingBefore + 1} por revisar)`);
  const entry = reviewer.getByRole('listitem').filter({ has: reviewer.getByRole('heading', { name }) });
  await expect(entry).toBeVisible();
  expect(await stillSameDocument(reviewer)).toBe(true);

  // The notification says who applied, and leads to the queue.
  const notifications = await reviewer.context().newPage();
  await notifications.goto('/notifications');
  await expect(notifications.getByRole('link', { name: `Vera Envivo envió la solicitud de registro de ${name}. Espera revisión.` })).toHaveAttribute(
    'href',
    '/admin/organisations'
  );
  await notifications.close();

  // The applicant's "My organisations" and home are open, following their topics.
  await applicant.goto('/organisations/mine');
  const mine = applicant.locator('section[aria-labelledby="applications-title"]').getByRole('listitem').filter({ hasText: name });
  await expect(mine).toContainText('En revisión');
  const home = await applicant.context().newPage();
  await home.goto('/');
  await expect(home.getByRole('heading', { level: 1, name: 'Tu inicio' })).toBeVisible();
  await expect(home.locator('[data-section="myApplications"]')).toContainText(name);
  for (const page of [applicant, home]) {
    await expect(page.locator('[data-live="open"]')).toHaveCount(1);
    await noReloadMark(page);
  }

  // The coordinator approves from the open queue.
  await entry.getByRole('button', { name: 'Aprobar' }).click();
  await expect(reviewer.getByRole('status')).toContainText(name);
  await expect(adminLink).toHaveAttribute('data-review-count', String(waitingBefore));

  // Both of the applicant's pages now say so, without a reload, and announce it.
  await expect(applicant.locator('section[aria-labelledby="memberships-title"]').getByRole('link', { name })).toBeVisible();
  await expect(mine).toContainText('Miembro');
  await expect(applicant.locator('[aria-live="polite"]').filter({ hasText: 'Esta página se actualizó' })).toHaveText(
    'Esta página se actualizó con los últimos cambios.'
  );
  expect(await stillSameDocument(applicant)).toBe(true);
  await expect(home.locator('[data-section="myOrganisations"]').getByRole('link', { name })).toHaveAttribute('href', `/organisations/${org.slug}`);
  await expect(home.locator('[data-section="myApplications"]')).toHaveCount(0);
  await expect(home.locator('[aria-live="polite"]').filter({ hasText: 'Tu inicio se actualizó.' })).toHaveCount(1);
  expect(await stillSameDocument(home)).toBe(true);
});

test('an open organisation page follows its organisation: the approval shows without a reload', async ({ browser, request, baseURL }) => {
  const name = `Colectivo Perfil Vivo ${Math.random().toString(36).slice(2, 6)}`;
  const applicant = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Pia Perfil'));
  const org = await applyForOrganisation(applicant, baseURL!, name);
  await applicant.goto(`/organisations/${org.slug}`);
  const head = applicant.getByRole('main');
  await expect(head).toContainText('En revisión');
  await expect(applicant.locator('[data-live="open"]')).toHaveCount(1);
  await noReloadMark(applicant);
  await approveOrganisation(baseURL!, org.slug);
  await expect(head).not.toContainText('En revisión');
  await expect(applicant.locator('[aria-live="polite"]').filter({ hasText: 'Esta página se actualizó' })).toHaveCount(1);
  expect(await stillSameDocument(applicant)).toBe(true);
});

test('each person chooses, per kind, which notifications also reach them by email', async ({ browser, request, baseURL }) => {
  const person = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Olivia Opciones'));
  await person.goto('/account');
  const section = person.getByRole('region', { name: 'Notificaciones' });
  const approved = section.getByRole('checkbox', { name: 'Se aprobó tu solicitud de registro', exact: true });
  await expect(approved).toBeChecked();
  await approved.uncheck();
  await section.getByRole('button', { name: 'Guardar las notificaciones' }).click();
  await expect(person.getByRole('status')).toHaveText('Se guardaron tus notificaciones.');
  await person.reload();
  await expect(person.getByRole('region', { name: 'Notificaciones' }).getByRole('checkbox', { name: 'Se aprobó tu solicitud de registro', exact: true })).not.toBeChecked();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a form’s answer takes focus and is in view on a phone (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({ browser, request, baseURL }) => {
    const account = await createVerifiedAccount(request, baseURL!, 'Paula Pantalla');
    const page = await signedInPage(browser, account, { javaScriptEnabled, viewport: { width: 360, height: 640 } });
    await page.goto('/account');
    const save = page.getByRole('button', { name: 'Guardar el perfil' });
    await save.scrollIntoViewIfNeeded();
    await save.click();
    const status = page.getByRole('status').filter({ hasText: 'Guardamos tu perfil.' });
    await expect(status).toBeFocused();
    await expect(status).toBeInViewport();
  });
}

test('the application form: countries found by typing, a website without https://, and the logo', async ({ browser, request, baseURL }) => {
  const name = `Colectivo Formulario ${Math.random().toString(36).slice(2, 6)}`;
  const member = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Fabio Formulario'));
  await member.goto('/organisations/apply');
  await member.getByLabel('Nombre de la organización').fill(name);
  await member.getByLabel('Tipo', { exact: true }).selectOption('community_based');
  const countries = member.getByRole('group', { name: /^Países donde trabaja/ });
  const find = countries.getByLabel('Buscar un país');
  await find.fill('peru');
  // Accents and case do not matter, and what does not match is out of the way.
  await expect(countries.getByRole('checkbox', { name: 'Chile' })).toBeHidden();
  await countries.getByRole('checkbox', { name: 'Perú' }).check();
  await find.fill('BRA');
  await countries.getByRole('checkbox', { name: 'Brasil' }).check();
  await find.fill('');
  // A ticked country out of view is still ticked, and counted.
  await expect(countries.getByRole('checkbox', { name: 'Perú' })).toBeChecked();
  await expect(countries).toContainText('Elegidos: 2');
  await member.getByLabel('Ciudad de la sede').fill('Lima');
  await member.getByLabel('País de la sede').selectOption('PE');
  await member.getByLabel('Sitio web').fill('www.formulario.example.org');
  await member.getByLabel('Correo de contacto').fill('hola@formulario.example.org');
  await member.getByLabel('Descripción breve').fill('Asistencia técnica para vivienda en laderas.');
  await member.getByLabel('Imagen del logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SVG_LOGO) });
  await member.getByRole('button', { name: 'Enviar la solicitud' }).click();
  await expect(member).toHaveURL(/\/organisations\/mine\?applied=1$/);

  const slug = (await member.getByRole('link', { name }).getAttribute('href'))!.split('/').pop()!;
  const saved = (await (await member.request.get(`/api/organisations/${slug}`)).json()).organisation;
  expect(saved.website).toBe('https://www.formulario.example.org');
  expect([...saved.countries].sort()).toEqual(['BR', 'PE']);
  expect(saved.logoUrl).toMatch(new RegExp(`^/api/organisations/${slug}/logo\\?v=`));
});

test('without JavaScript the countries are a plain list of checkboxes', async ({ browser, request, baseURL }) => {
  const name = `Colectivo Sin Script ${Math.random().toString(36).slice(2, 6)}`;
  const member = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Nina Noscript'), { javaScriptEnabled: false });
  await member.goto('/organisations/apply');
  const countries = member.getByRole('group', { name: /^Países donde trabaja/ });
  await expect(countries.getByLabel('Buscar un país')).toHaveCount(0);
  await member.getByLabel('Nombre de la organización').fill(name);
  await member.getByLabel('Tipo', { exact: true }).selectOption('ngo');
  await countries.getByRole('checkbox', { name: 'Uruguay' }).check();
  await countries.getByRole('checkbox', { name: 'Portugal' }).check();
  await member.getByLabel('Ciudad de la sede').fill('Montevideo');
  await member.getByLabel('País de la sede').selectOption('UY');
  await member.getByLabel('Sitio web').fill('cooperativa.example.org/nosotros');
  await member.getByLabel('Correo de contacto').fill('hola@cooperativa.example.org');
  await member.getByLabel('Descripción breve').fill('Cooperativas de vivienda por ayuda mutua.');
  await member.getByRole('button', { name: 'Enviar la solicitud' }).click();
  await expect(member).toHaveURL(/\/organisations\/mine\?applied=1$/);
  const slug = (await member.getByRole('link', { name }).getAttribute('href'))!.split('/').pop()!;
  const saved = (await (await member.request.get(`/api/organisations/${slug}`)).json()).organisation;
  expect(saved.website).toBe('https://cooperativa.example.org/nosotros');
  expect([...saved.countries].sort()).toEqual(['PT', 'UY']);
});

test('the members-by-country chart counts the results of every active filter', async ({ page, request }) => {
  const api = await (await request.get('/api/organisations?country=BR&pageSize=50')).json();
  expect(api.total).toBeGreaterThan(0);
  expect(api.total).toBeLessThanOrEqual(50);
  const expected: Record<string, number> = {};
  for (const item of api.items as Array<{ countries: string[] }>) for (const code of item.countries) expected[code] = (expected[code] ?? 0) + 1;
  const top = Object.values(expected)
    .sort((a, b) => b - a)
    .slice(0, 10);

  await page.goto('/organisations?country=BR');
  const chart = page.getByRole('region', { name: 'Miembros por país' });
  const counts = (await chart.locator('.count').allTextContents()).map(Number);
  expect(counts).toEqual(top);
  // Brazil leads: every result works there.
  expect(counts[0]).toBe(api.total);
});

test('a request to join can be withdrawn by the person who made it', async ({ browser, request, baseURL }) => {
  const person = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Wanda Withdraw'));
  await person.goto('/organisations/fundacion-vivienda-digna');
  await person.getByRole('button', { name: 'Enviar solicitud para unirme' }).click();
  await expect(person.getByText('Pediste unirte')).toBeVisible();
  await person.goto('/organisations/mine');
  const item = person.locator('section[aria-labelledby="requests-title"]').getByRole('listitem').filter({ hasText: 'Fundación Vivienda Digna' });
  await item.getByRole('button', { name: 'Retirar la solicitud para unirte a Fundación Vivienda Digna' }).click();
  await expect(person.getByRole('status')).toHaveText('Retiraste tu solicitud para unirte.');
  await expect(person.getByRole('status')).toBeFocused();
  await expect(item).toContainText('retirada');
  await expect(item.getByRole('button')).toHaveCount(0);
});

const SVG_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0a6"/><circle cx="5" cy="5" r="3" fill="#fff"/></svg>';

test.describe('accessibility', () => {
  test.use({ bypassCSP: true });

  test('axe finds no serious or critical problem on a coordinator’s home and on the account’s notification settings', async ({ browser, request, baseURL }) => {
    // Something waits for review, so the home has its queue section.
    const applicant = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Ada Axe'));
    await applyForOrganisation(applicant, baseURL!, `Colectivo Axe ${Math.random().toString(36).slice(2, 6)}`);
    const reviewer = await signedInPage(browser, coordinator());
    const problems: string[] = [];
    await reviewer.goto('/');
    await expect(reviewer.locator('[data-section="reviewQueue"]')).toHaveCount(1);
    problems.push(...(await seriousViolations(reviewer)));
    await reviewer.goto('/account');
    problems.push(...(await seriousViolations(reviewer)));
    expect(problems).toEqual([]);
  });
});
