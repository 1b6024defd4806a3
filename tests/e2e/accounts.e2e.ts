import { expect, test, type Page } from '@playwright/test';
import { createVerifiedAccount, password, submitSignIn, uniqueEmail } from './support/accounts';
import { seriousViolations } from './support/axe';
import { mailedLink } from './support/mail';

/**
 * Accounts as a person meets them in the browser: sign-up, the mailed link, signing in,
 * the language switch, signing out; the keyboard-only path; forms without JavaScript;
 * and an axe check of every page. Mail is read from the dev outbox (/dev/mail.json).
 */

/** Signs in and waits until the page shows it, so the next navigation does not race the redirect. */
async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
}

test('sign up, confirm the email, sign in, switch to Portuguese and sign out', async ({ page, request }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('ana');

  await page.goto('/sign-up');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.getByLabel('Nombre').fill('Ana Souza');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByLabel('País').selectOption('BR');
  await page.getByLabel('Organización').fill('Techo');
  await page.getByRole('button', { name: 'Crear cuenta' }).last().click();
  await expect(page.getByRole('heading', { name: 'Revisa tu correo' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  // Opening the link (a GET, as a mail scanner would) must not confirm the address.
  const link = await mailedLink(request, email, '/verify-email');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Confirma tu correo' })).toBeVisible();
  const early = await page.context().newPage();
  await submitSignIn(early, email);
  await expect(early.getByRole('alert')).toContainText('Primero confirma tu correo');
  await early.close();

  await page.getByRole('button', { name: 'Confirmar mi correo' }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1/);
  await expect(page.getByRole('status')).toContainText('Tu correo está confirmado');

  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Hola, Ana Souza')).toBeVisible();

  // Choosing submits at once once the page's script runs (before that, the button does it).
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Idioma').selectOption('pt');
  await expect(page.locator('html')).toHaveAttribute('lang', 'pt');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Organizações' })).toBeVisible();
  await expect(page.getByText('Olá, Ana Souza')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Minha conta' })).toBeVisible();

  // The choice is saved in the account: a browser asking for English still gets Portuguese.
  const otherDevice = await page.context().browser()!.newContext({ locale: 'en-US' });
  const phone = await otherDevice.newPage();
  await phone.goto('/sign-in');
  await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
  await phone.getByLabel('Email').fill(email);
  await phone.getByLabel('Password').fill(password);
  await phone.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.getByText('Olá, Ana Souza')).toBeVisible();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'pt');
  await otherDevice.close();

  await page.getByRole('button', { name: 'Sair' }).click();
  await expect(page.getByRole('link', { name: 'Entrar' })).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount|\/sign-in\?next=\/account/);
});

test('a wrong password is refused with a clear message and the email kept', async ({ page, request, baseURL }) => {
  const { email } = await createVerifiedAccount(request, baseURL!, 'Bruno');
  await page.goto('/sign-in');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill('not the password at all');
  await page.getByRole('main').getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByRole('alert')).toContainText('El correo o la contraseña no son correctos.');
  await expect(page.getByLabel('Correo electrónico')).toHaveValue(email);
  await expect(page.getByLabel('Contraseña')).toHaveValue('');
});

test('a language chosen before signing in wins over the saved one and is saved', async ({ page, browser, request, baseURL }) => {
  const { email } = await createVerifiedAccount(request, baseURL!, 'Dora'); // saved in Spanish
  await page.goto('/sign-in');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Saved to the account: another device that asks for Spanish gets English too.
  const other = await browser.newContext({ locale: 'es-AR' });
  const phone = await other.newPage();
  await submitSignIn(phone, email);
  await expect(phone.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
  await other.close();
});

test('the account page lists sessions and ends another device', async ({ page, browser, request, baseURL }) => {
  const { email } = await createVerifiedAccount(request, baseURL!, 'Carla');
  const other = await browser.newContext({ locale: 'es-AR' });
  await signIn(await other.newPage(), email);
  await signIn(page, email);
  await page.goto('/account');
  const sessions = page.locator('.session');
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: 'Este dispositivo' })).toHaveCount(1);
  await sessions.filter({ hasNotText: 'Este dispositivo' }).getByRole('button', { name: 'Cerrar esta sesión' }).click();
  await expect(page.getByRole('status')).toContainText('Cerramos esa sesión.');
  await expect(sessions).toHaveCount(1);
  await other.close();
});

test('keyboard only: skip link, then sign in without a mouse', async ({ page, request, baseURL }) => {
  const { email, name } = await createVerifiedAccount(request, baseURL!, 'Dora');
  await page.goto('/');

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Ir al contenido' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  await page.goto('/');
  const signInLink = page.getByRole('banner').getByRole('link', { name: 'Iniciar sesión' });
  for (let i = 0; i < 15 && !(await signInLink.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(signInLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sign-in/);

  const emailField = page.getByLabel('Correo electrónico');
  for (let i = 0; i < 15 && !(await emailField.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(emailField).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Contraseña')).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Hola, ${name}`)).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('forms still work: a refused sign-in and the language switch', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Correo electrónico').fill(uniqueEmail('nobody'));
    await page.getByLabel('Contraseña').fill('whatever it is');
    await page.getByRole('main').getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect(page.getByRole('alert')).toContainText('El correo o la contraseña no son correctos.');

    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('button', { name: 'Cambiar' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});

test.describe('accessibility', () => {
  // axe is injected as a script, which the pages' CSP rightly refuses.
  test.use({ bypassCSP: true });

test('axe finds no serious or critical problem on the account pages', async ({ page, request, baseURL }) => {
  const visitorPages = [
    '/',
    '/discussions',
    '/events',
    '/library',
    '/sign-up',
    '/sign-in',
    '/forgot-password',
    '/verify-email?token=aaaaaaaaaaaaaaaaaaaa',
    '/reset-password?token=aaaaaaaaaaaaaaaaaaaa',
    '/no-such-page'
  ];
  const problems: string[] = [];
  for (const path of visitorPages) {
    await page.goto(path);
    problems.push(...(await seriousViolations(page)));
  }

  // A form showing its errors, as the server renders them.
  await page.goto('/sign-up');
  await page.locator('form.stack').evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByRole('button', { name: 'Crear cuenta' }).last().click();
  await expect(page.locator('.field-error').first()).toBeVisible();
  problems.push(...(await seriousViolations(page)));

  const { email } = await createVerifiedAccount(request, baseURL!, 'Eva');
  await signIn(page, email);
  await page.goto('/account');
  problems.push(...(await seriousViolations(page)));

  expect(problems).toEqual([]);
});
});
