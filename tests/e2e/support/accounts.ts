import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { mailedLink } from './mail';

/** The password of every account the tests make. */
export const password = 'a long and memorable phrase';

export interface Credentials {
  email: string;
  password: string;
}

/** An address no earlier run has used; `label` keeps it readable in the outbox. */
export function uniqueEmail(label: string): string {
  return `${label}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
}

/**
 * The coordinator the demo seed created (its password is random, saved in the hub's
 * DATA_DIR, tests/e2e/.data when Playwright starts the hub), or one given by the environment.
 */
export function coordinator(): Credentials {
  if (process.env.E2E_COORDINATOR_EMAIL && process.env.E2E_COORDINATOR_PASSWORD) {
    return { email: process.env.E2E_COORDINATOR_EMAIL, password: process.env.E2E_COORDINATOR_PASSWORD };
  }
  const file = fileURLToPath(new URL('../.data/demo-credentials.json', import.meta.url));
  const credentials = JSON.parse(readFileSync(file, 'utf8')) as Array<{ role: string } & Credentials>;
  const found = credentials.find((c) => c.role === 'coordinator');
  if (!found) throw new Error('no demo coordinator: set E2E_COORDINATOR_EMAIL and E2E_COORDINATOR_PASSWORD');
  return { email: found.email, password: found.password };
}

/**
 * An account ready to sign in (with `password`), made through the API: sign-up, then the
 * token from the mailed link (the sign-up page has its own browser test).
 */
export async function createVerifiedAccount(request: APIRequestContext, baseURL: string, name: string) {
  // The first name, without accents, labels the address: "Lucía Logo" → lucia.….
  const email = uniqueEmail(name.split(' ')[0].normalize('NFD').replace(/[^a-z]/gi, '').toLowerCase());
  const origin = new URL(baseURL).origin;
  const signUp = await request.post('/api/auth/sign-up', { headers: { origin }, data: { name, email, password, locale: 'es', country: 'AR' } });
  expect(signUp.status()).toBe(202);
  const link = await mailedLink(request, email, '/verify-email');
  const token = new URL(link, baseURL).searchParams.get('token');
  const verify = await request.post('/api/auth/verify-email', { headers: { origin }, data: { token } });
  expect(verify.status()).toBe(200);
  return { email, name };
}

/** Fills and sends the sign-in form, without waiting for what comes of it. */
export async function submitSignIn(page: Page, email: string, secret = password) {
  await page.goto('/sign-in');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(secret);
  await page.getByRole('main').getByRole('button', { name: 'Iniciar sesión' }).click();
}

/**
 * A page in a browser context of its own (Spanish, plus `options`), signed in as `account`
 * (whose password defaults to `password`).
 */
export async function signedInPage(browser: Browser, account: { email: string; password?: string }, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-AR', ...options });
  const page = await context.newPage();
  await submitSignIn(page, account.email, account.password ?? password);
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}
