import { expect, test } from '@playwright/test';
import { coordinator, createVerifiedAccount, password, signedInPage } from './support/accounts';
import { applyForOrganisation } from './support/organisations';

/**
 * The form check as a person meets it: the hub opened at its loopback alias works
 * like the hub itself, and a form sent from another site is refused with a page in
 * the person's language that says what to do, never SvelteKit's raw English text.
 * And a hidden organisation's name cannot be confirmed by applying with it: the
 * application goes through, and coordinators see the clash.
 */

/** The same hub under its other loopback name (localhost ↔ 127.0.0.1), same port. */
function loopbackAlias(baseURL: string): string {
  const url = new URL(baseURL);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  else if (url.hostname === '127.0.0.1') url.hostname = 'localhost';
  else throw new Error(`these tests need a hub on localhost or 127.0.0.1, not ${url.hostname}`);
  return url.origin;
}

test('signs in through a form posted at the hub’s loopback alias', async ({ page, request, baseURL }) => {
  const account = await createVerifiedAccount(request, baseURL!, 'Olga Origen');
  const alias = loopbackAlias(baseURL!);
  await page.goto(`${alias}/sign-in`);
  await page.getByLabel('Correo electrónico').fill(account.email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByText('Hola, Olga Origen')).toBeVisible();
  expect(new URL(page.url()).origin).toBe(alias);
});

test('signs in at the alias without JavaScript too', async ({ browser, request, baseURL }) => {
  const account = await createVerifiedAccount(request, baseURL!, 'Nina Noscript');
  const context = await browser.newContext({ locale: 'es-AR', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${loopbackAlias(baseURL!)}/sign-in`);
  await page.getByLabel('Correo electrónico').fill(account.email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByText('Hola, Nina Noscript')).toBeVisible();
  await context.close();
});

for (const { locale, heading, name } of [
  { locale: 'es-AR', heading: 'No enviamos este formulario', name: 'Enviar' },
  { locale: 'pt-BR', heading: 'Não enviamos este formulário', name: 'Enviar' },
  { locale: 'en-GB', heading: 'We did not send this form', name: 'Send' }
]) {
  test(`refuses a form sent from another site with a page in ${locale}`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    // A page that is not the hub's (about:blank: its form posts carry `Origin: null`).
    await page.setContent(
      `<form method="post" action="${baseURL}/sign-in?/signIn">
        <input name="email" value="someone@example.org"><input name="password" value="not a real password">
        <button>${name}</button>
      </form>`
    );
    await page.getByRole('button', { name }).click();
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', locale.slice(0, 2));
    await expect(page.getByText(new URL(baseURL!).origin, { exact: false })).toBeVisible();
    await expect(page.getByText('Cross-site')).toHaveCount(0);
    await context.close();
  });
}

test('an application with a pending organisation’s name goes through, and coordinators see a possible duplicate', async ({ browser, request, baseURL }) => {
  test.setTimeout(90_000);
  const name = `Cooperativa Duplicada ${Date.now()}`;
  const first = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Primera Solicitante'));
  const second = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Segunda Solicitante'));
  const original = await applyForOrganisation(first, baseURL!, name);
  const again = await applyForOrganisation(second, baseURL!, name.toUpperCase());

  const reviewer = await signedInPage(browser, coordinator());
  // The queue is oldest first, so the newest application is on its last page.
  const item = reviewer.getByRole('listitem').filter({ has: reviewer.getByRole('heading', { name: name.toUpperCase(), exact: true }) });
  for (let page = 1; page <= 20; page++) {
    await reviewer.goto(`/admin/organisations?status=pending&page=${page}`);
    if ((await item.count()) > 0) break;
  }
  await expect(item.getByText('Posible duplicado.')).toBeVisible();
  await expect(item.getByRole('link', { name, exact: true })).toHaveAttribute('href', `/organisations/${original.slug}`);
  expect(again.slug).not.toBe(original.slug);
  await Promise.all([first, second, reviewer].map((page) => page.context().close()));
});
