import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/**
 * Member organisations as people meet them: a member applies, a coordinator approves
 * from the queue, a visitor finds the organisation in the directory by a misspelt name
 * and by country, a second member asks to join and the admin accepts; the public
 * profile then lists both. The interface is in Spanish (the config's locale).
 */

const password = 'a long and memorable phrase';
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface StoredMail {
  to: string;
  text: string;
}

function uniqueEmail(label: string) {
  return `${label}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
}

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
async function createVerifiedAccount(request: APIRequestContext, baseURL: string, name: string) {
  const email = uniqueEmail(name.split(' ')[0].toLowerCase());
  const origin = new URL(baseURL).origin;
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
  const verify = await request.post('/api/auth/verify-email', { headers: { origin }, data: { token } });
  expect(verify.status()).toBe(200);
  return { email, name };
}

async function signedInPage(browser: Browser, email: string, secret = password): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-AR' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(secret);
  await page.getByRole('main').getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

test('apply, approve, find in the directory, join, and appear on the profile', async ({ browser, request, baseURL }) => {
  const suffix = Math.random().toString(36).slice(2, 6);
  const name = `Cooperativa Xochimilco ${suffix}`;
  const applicant = await createVerifiedAccount(request, baseURL!, 'Amaranta Applicant');
  const joiner = await createVerifiedAccount(request, baseURL!, 'Bruno Joiner');

  // 1. A member applies.
  const member = await signedInPage(browser, applicant.email);
  await member.goto('/organisations/apply');
  await member.getByLabel('Nombre de la organización').fill(name);
  await member.getByLabel('Tipo', { exact: true }).selectOption('community_based');
  await member.getByLabel('Países donde trabaja').selectOption(['BZ', 'MX']);
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
  const coord = coordinator();
  const reviewer = await signedInPage(browser, coord.email, coord.password);
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
  await visitor.getByRole('checkbox', { name: /^Belice/ }).check();
  await visitor.getByRole('button', { name: 'Aplicar filtros' }).click();
  await expect(visitor).toHaveURL(/country=BZ/);
  await expect(visitor.getByRole('link', { name })).toBeVisible();

  // 4. A second member asks to join; 5. the admin accepts.
  const second = await signedInPage(browser, joiner.email);
  await second.goto(`/organisations/${slug}`);
  await second.getByLabel('Mensaje para quienes administran la organización').fill('Soy arquitecto de la cooperativa.');
  await second.getByRole('button', { name: 'Pedir unirme' }).click();
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
    await page.getByRole('checkbox', { name: /^Colombia/ }).check();
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await expect(page).toHaveURL(/q=vivenda/);
    await expect(page).toHaveURL(/country=CO/);
    // The demo's "Fundación Vivienda Digna" works in Colombia.
    await expect(page.getByRole('link', { name: 'Fundación Vivienda Digna' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /^Colombia/ })).toBeChecked();
    // A shared link reproduces the same search.
    await page.goto('/organisations?sort=name&type=ngo');
    await expect(page.getByLabel('Ordenar por')).toHaveValue('name');
    await expect(page.getByRole('checkbox', { name: /^ONG/ })).toBeChecked();
  });
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeScript });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()} ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('accessibility', () => {
  // axe is injected as a script, which the pages' CSP rightly refuses.
  test.use({ bypassCSP: true });

  test('axe finds no serious or critical problem on the organisation pages', async ({ page, browser, request, baseURL }) => {
    const problems: string[] = [];
    for (const path of ['/organisations', '/organisations?q=vivenda&country=CO', '/organisations/fundacion-vivienda-digna', '/invitations/aaaaaaaaaaaaaaaaaaaaaaaa']) {
      await page.goto(path);
      problems.push(...(await seriousViolations(page)));
    }
    const { email } = await createVerifiedAccount(request, baseURL!, 'Eva Axe');
    const member = await signedInPage(browser, email);
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

    const coord = coordinator();
    const reviewer = await signedInPage(browser, coord.email, coord.password);
    await reviewer.goto('/admin/organisations');
    problems.push(...(await seriousViolations(reviewer)));
    const manage = '/organisations/fundacion-vivienda-digna/manage';
    await reviewer.goto(manage);
    problems.push(...(await seriousViolations(reviewer)));
    expect(problems).toEqual([]);
  });
});
