import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/**
 * In-app notifications as an applicant meets them: their page is open when a
 * coordinator approves their organisation; the header's count goes up without a
 * reload and is announced; the notifications page says what happened; marking all
 * read clears the count. Then the same without JavaScript. Interface in Spanish.
 */

const password = 'a long and memorable phrase';
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface StoredMail {
  to: string;
  text: string;
}

const uniqueEmail = (label: string) => `${label}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;

/** The coordinator the demo seed created (its password is random, saved in DATA_DIR), or one given by the environment. */
function coordinator(): { email: string; password: string } {
  if (process.env.E2E_COORDINATOR_EMAIL && process.env.E2E_COORDINATOR_PASSWORD) {
    return { email: process.env.E2E_COORDINATOR_EMAIL, password: process.env.E2E_COORDINATOR_PASSWORD };
  }
  const file = fileURLToPath(new URL('./.data/demo-credentials.json', import.meta.url));
  const credentials = JSON.parse(readFileSync(file, 'utf8')) as Array<{ role: string; email: string; password: string }>;
  const found = credentials.find((c) => c.role === 'coordinator');
  if (!found) throw new Error('no demo coordinator: set E2E_COORDINATOR_EMAIL and E2E_COORDINATOR_PASSWORD');
  return found;
}

/** An account ready to sign in, made through the API (sign-up has its own browser test). */
async function createVerifiedAccount(request: APIRequestContext, origin: string, name: string) {
  const email = uniqueEmail(name.split(' ')[0].toLowerCase());
  const signUp = await request.post('/api/auth/sign-up', { headers: { origin }, data: { name, email, password, locale: 'es', country: 'AR' } });
  expect(signUp.status()).toBe(202);
  let token: string | null = null;
  await expect
    .poll(async () => {
      const mails = (await (await request.get('/dev/mail.json')).json()) as StoredMail[];
      const link = mails.find((m) => m.to === email)?.text.match(/https?:\/\/\S+\/verify-email\?token=\S+/)?.[0];
      token = link ? new URL(link).searchParams.get('token') : null;
      return token;
    })
    .toBeTruthy();
  expect((await request.post('/api/auth/verify-email', { headers: { origin }, data: { token } })).status()).toBe(200);
  return email;
}

async function signedInPage(browser: Browser, email: string, secret: string, javaScriptEnabled = true, bypassCSP = false): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-AR', javaScriptEnabled, bypassCSP });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(secret);
  await page.getByRole('main').getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

/** Applies through the API with the page's own session; returns the new organisation. */
async function applyFor(page: Page, origin: string, name: string) {
  const response = await page.request.post('/api/organisations', {
    headers: { origin },
    data: {
      name,
      type: 'community_based',
      countries: ['PY'],
      hqCity: 'Asunción',
      hqCountry: 'PY',
      contactEmail: 'hola@banado.example.org',
      description: 'Vivienda cooperativa en los bañados de Asunción.',
      descriptionLocale: 'es'
    }
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).organisation as { id: string; slug: string };
}

/** The coordinator approves through the API (the review page has its own browser test). */
async function approve(request: APIRequestContext, origin: string, id: string) {
  const coord = coordinator();
  const signIn = await request.post('/api/auth/sign-in', { headers: { origin }, data: { email: coord.email, password: coord.password } });
  expect(signIn.status()).toBe(200);
  const decided = await request.post(`/api/admin/organisations/${id}/approve`, { headers: { origin } });
  expect(decided.status(), await decided.text()).toBe(200);
}

const notificationsLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notificaciones/ });

test('an open page hears of the approval, the list says it, and marking all read clears the count', async ({ browser, request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const name = `Cooperativa Bañado Sur ${Math.random().toString(36).slice(2, 6)}`;
  const email = await createVerifiedAccount(request, origin, 'Nilda Notificada');
  const member = await signedInPage(browser, email, password);
  const org = await applyFor(member, origin, name);

  await member.goto('/organisations/mine');
  await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones');
  // Only staff see the way to administration.
  await expect(member.getByRole('link', { name: 'Administración' })).toHaveCount(0);
  // The page is following its live topic before anything happens.
  await expect(member.locator('[data-live="open"]')).toHaveCount(1);
  await member.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  await approve(request, origin, org.id);

  await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones (1 sin leer)');
  await expect(notificationsLink(member).locator('.badge')).toHaveText('1');
  await expect(member.locator('[aria-live="polite"]').filter({ hasText: 'notificación nueva' })).toHaveText(
    'Tienes una notificación nueva. Sin leer: 1.'
  );
  // No reload happened: the flag set on this document is still there.
  expect(await member.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  await notificationsLink(member).click();
  await expect(member).toHaveURL(/\/notifications$/);
  const item = member.getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText('Nueva');
  await expect(item.getByRole('link', { name: `Tu solicitud para ${name} fue aprobada: ya es miembro del hub y tú la administras.` })).toHaveAttribute(
    'href',
    `/organisations/${org.slug}`
  );
  await expect(item.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

  await member.getByRole('button', { name: 'Marcar todas como leídas' }).click();
  await expect(member.getByRole('status')).toContainText('todas tus notificaciones están marcadas como leídas');
  await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones');
  await expect(item).not.toContainText('Nueva');
  await expect(member.getByText('Sin leer: 0')).toBeVisible();

  // The coordinator, on the other hand, has the way to the review queue.
  const coord = coordinator();
  const reviewer = await signedInPage(browser, coord.email, coord.password);
  await reviewer.getByRole('banner').getByRole('link', { name: 'Administración' }).click();
  await expect(reviewer).toHaveURL(/\/admin\/organisations/);
});

test.describe('without JavaScript', () => {
  test('the count is in the page, and mark all read is a plain form', async ({ browser, request, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const name = `Cooperativa Sin Script ${Math.random().toString(36).slice(2, 6)}`;
    const email = await createVerifiedAccount(request, origin, 'Sergio Sinscript');
    const member = await signedInPage(browser, email, password, false);
    const org = await applyFor(member, origin, name);
    await approve(request, origin, org.id);

    await member.goto('/');
    await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones (1 sin leer)');
    await member.goto('/notifications');
    await expect(member.getByRole('listitem').filter({ hasText: name })).toContainText('Nueva');
    await member.getByRole('button', { name: 'Marcar todas como leídas' }).click();
    await expect(member.getByRole('status')).toContainText('todas tus notificaciones están marcadas como leídas');
    await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones');
  });
});

test.describe('accessibility', () => {
  test('axe finds no serious or critical problem on the notifications page, read and unread', async ({ browser, request, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const email = await createVerifiedAccount(request, origin, 'Alba Axe');
    // axe is injected as a script, which the pages' CSP rightly refuses.
    const member = await signedInPage(browser, email, password, true, true);
    for (const name of ['Cooperativa Axe Uno', 'Cooperativa Axe Dos']) {
      const org = await applyFor(member, origin, `${name} ${Math.random().toString(36).slice(2, 6)}`);
      await approve(request, origin, org.id);
    }
    await member.goto('/notifications');
    await member.getByRole('button', { name: 'Marcar como leída' }).first().click();
    await expect(member.getByRole('status')).toContainText('marcada como leída');
    await expect(member.getByText('Sin leer: 1')).toBeVisible();
    await member.addScriptTag({ path: axeScript });
    const violations = await member.evaluate(async () => {
      type Violation = { id: string; impact: string | null; nodes: Array<{ target: string[] }> };
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Violation[] }> } }).axe;
      return (await axe.run(document)).violations;
    });
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    ).toEqual([]);
  });
});
