import { expect, test, type Page } from '@playwright/test';
import { XSS_CORPUS } from '../../apps/api/src/infra/markdown.xss-corpus';
import { coordinator, createVerifiedAccount, signedInPage } from './support/accounts';
import { seriousViolations } from './support/axe';

/**
 * Discussions as two practitioners meet them, side by side in two browsers: one asks,
 * the other replies and the asker sees it appear without reloading; the asker accepts it
 * and both see "Resuelta"; a mention lights the notification badge live. Then the same
 * without JavaScript (after a reload), and the XSS corpus, posted for real, stays inert
 * in the browser. Interface in Spanish.
 */

const suffix = () => Math.random().toString(36).slice(2, 7).replace(/\d/g, 'x');

async function askQuestion(page: Page, title: string) {
  await page.goto('/discussions/new');
  await page.getByLabel('Título').fill(title);
  await page.getByLabel('Texto').fill('¿Qué experiencias hay de **fondos rotatorios** para mejoras de vivienda?');
  await page.getByLabel('Tema').selectOption('housing_finance');
  await page.getByRole('button', { name: 'Publicar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return page.url();
}

const notSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument !== true);
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

test('a reply appears live for the asker, and once accepted both see it solved', async ({ browser, request, baseURL }) => {
  const tag = suffix();
  const asker = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, `Irene Pregunta ${tag}`));
  const replier = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, `Rosa Responde ${tag}`));
  const title = `Fondos rotatorios en barrios ${tag}`;
  const url = await askQuestion(asker, title);

  await replier.goto(url);
  // Both pages follow the thread before anything happens.
  await expect(asker.locator('[data-thread-live="open"]')).toHaveCount(1);
  await expect(replier.locator('[data-thread-live="open"]')).toHaveCount(1);
  await markDocument(asker);
  await markDocument(replier);

  await replier.getByLabel('Texto').fill(`En Lima funcionó con ahorro previo. @Irene_Pregunta_${tag}, te paso el reglamento.`);
  await replier.getByRole('button', { name: 'Responder', exact: true }).click();

  const reply = asker.locator('article.post').filter({ hasText: 'En Lima funcionó con ahorro previo.' });
  await expect(reply).toBeVisible();
  expect(await notSameDocument(asker)).toBe(false);
  // The mention reached the asker's header live.
  await expect(asker.getByRole('banner').getByRole('link', { name: /^Notificaciones/ })).toHaveAccessibleName(/\(\d+ sin leer\)/);

  await reply.getByRole('button', { name: 'Aceptar como respuesta' }).click();
  await expect(asker.locator('[data-solved]')).toHaveText('Resuelta');
  await expect(replier.locator('[data-solved]')).toHaveText('Resuelta');
  await expect(replier.getByRole('heading', { name: /Respuesta aceptada, de Rosa Responde/ })).toBeVisible();
  expect(await notSameDocument(replier)).toBe(false);
  await asker.context().close();
  await replier.context().close();
});

test.describe('without JavaScript', () => {
  test('replying, accepting and marking helpful are plain forms; a reload shows what others did', async ({ browser, request, baseURL }) => {
    const tag = suffix();
    const asker = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, `Sara Sinscript ${tag}`), { javaScriptEnabled: false });
    const replier = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, `Nico Noscript ${tag}`), { javaScriptEnabled: false });
    const url = await askQuestion(asker, `Ahorro programado ${tag}`);

    await replier.goto(url);
    await replier.getByLabel('Texto').fill('Nosotros usamos un fondo municipal.');
    await replier.getByRole('button', { name: 'Responder', exact: true }).click();
    await expect(replier.locator('article.post').filter({ hasText: 'Nosotros usamos un fondo municipal.' })).toBeVisible();

    await asker.reload();
    const reply = asker.locator('article.post').filter({ hasText: 'Nosotros usamos un fondo municipal.' });
    await reply.getByRole('button', { name: 'Aceptar como respuesta' }).click();
    await expect(asker.locator('[data-solved]')).toHaveText('Resuelta');
    await replier.reload();
    await expect(replier.locator('[data-solved]')).toHaveText('Resuelta');

    await reply.getByRole('button', { name: /Útil/ }).click();
    await expect(asker.locator('article.post').filter({ hasText: 'Nosotros usamos un fondo municipal.' }).getByRole('button', { name: /Marcada como útil \(1\)/ })).toBeVisible();
    await asker.context().close();
    await replier.context().close();
  });
});

/** A drawing to upload: rasterised by the hub, it comes back as a WebP 800 px wide. */
const PLAN_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#1b7a3c"/><circle cx="50" cy="50" r="30" fill="#fff"/></svg>'
);

/** The reply's image is shown, from the hub, decoded, with its size in the HTML. */
async function expectUploadedImage(post: ReturnType<Page['locator']>, alt: string) {
  const image = post.getByRole('img', { name: alt });
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('src', /^\/api\/images\/[0-9a-f-]{36}\/800\.webp$/);
  await expect(image).toHaveAttribute('width', '800');
  await expect(image).toHaveAttribute('height', '400');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

test('an image added in a reply is uploaded, inserted where the cursor is, and shown in the post', async ({ browser, request, baseURL }) => {
  const tag = suffix();
  const page = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, `Iris Imagen ${tag}`));
  const url = await askQuestion(page, `Planos de mejoramiento ${tag}`);
  await page.goto(url);
  const body = page.getByLabel('Texto');
  await body.fill('Así quedó el plano:');
  await page.getByLabel(/Añadir una imagen/).setInputFiles({ name: 'plano del barrio.svg', mimeType: 'image/svg+xml', buffer: PLAN_SVG });
  await expect(page.getByRole('status').filter({ hasText: 'Imagen añadida al texto.' })).toBeVisible();
  await expect(body).toHaveValue(/^Así quedó el plano:\n\n!\[plano del barrio\]\(\/api\/images\/[0-9a-f-]{36}\/800\.webp\)\n$/);
  await page.getByRole('button', { name: 'Responder', exact: true }).click();
  await expectUploadedImage(page.locator('article.post').filter({ hasText: 'Así quedó el plano:' }), 'plano del barrio');
  await page.context().close();
});

test('without JavaScript, the reply form sends the image with the text and it is shown', async ({ browser, request, baseURL }) => {
  const tag = suffix();
  const page = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, `Teo Sinscript ${tag}`), { javaScriptEnabled: false });
  const url = await askQuestion(page, `Fotos de la obra ${tag}`);
  await page.goto(url);
  await page.getByLabel('Texto').fill('La fachada terminada.');
  await page.getByLabel(/Añadir una imagen/).setInputFiles({ name: 'fachada.svg', mimeType: 'image/svg+xml', buffer: PLAN_SVG });
  await page.getByRole('button', { name: 'Responder', exact: true }).click();
  await expectUploadedImage(page.locator('article.post').filter({ hasText: 'La fachada terminada.' }), 'fachada');

  // Something that is not an image is refused next to the field, the text kept.
  await page.getByLabel('Texto').fill('Y el presupuesto.');
  await page.getByLabel(/Añadir una imagen/).setInputFiles({ name: 'presupuesto.png', mimeType: 'image/png', buffer: Buffer.from('<html>no soy una imagen</html>') });
  await page.getByRole('button', { name: 'Responder', exact: true }).click();
  await expect(page.locator('#reply').getByText('La imagen debe ser un archivo PNG, JPEG, WebP o SVG.').first()).toBeVisible();
  await expect(page.getByLabel('Texto')).toHaveValue('Y el presupuesto.');
  await page.context().close();
});

test('the XSS corpus, posted for real, renders inert in the browser', async ({ browser, baseURL }) => {
  // A coordinator posts them: the corpus is longer than a new account's hourly allowance.
  const page = await signedInPage(browser, coordinator());
  const origin = new URL(baseURL!).origin;
  const created = await page.request.post('/api/threads', {
    headers: { origin },
    data: { kind: 'discussion', title: `Corpus ${suffix()}`, body: XSS_CORPUS[0], theme: 'data_monitoring', language: 'es' }
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()).thread as { id: string };
  let posted = 0;
  for (const payload of XSS_CORPUS) {
    const response = await page.request.post(`/api/threads/${id}/posts`, { headers: { origin }, data: { body: payload } });
    // Control characters are refused before anything is stored.
    if (response.status() === 400) continue;
    expect(response.status(), payload).toBe(201);
    posted++;
  }
  expect(posted).toBeGreaterThanOrEqual(30);

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`/discussions/${id}`);
  await expect(page.locator('article.post')).toHaveCount(posted + 1);
  // Hover and click every link a payload left behind; none may run anything.
  for (const link of await page.locator('article.post .body a').all()) await link.hover();
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(await page.locator('article.post .body script, article.post .body iframe, article.post .body svg, article.post .body style').count()).toBe(0);
  const handlers = await page.evaluate(() =>
    Array.from(document.querySelectorAll('article.post .body *')).flatMap((el) => Array.from(el.attributes).filter((a) => /^on|^style$/i.test(a.name) || /^\s*(javascript|data|vbscript):/i.test(a.value)).map((a) => `${el.tagName}.${a.name}`))
  );
  expect(handlers).toEqual([]);
  await page.context().close();
});

test('at 320 px the list, a thread and the new-thread form fit the screen, and axe finds nothing serious', async ({ browser, request, baseURL }) => {
  const page = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, `Telma Telefono ${suffix()}`), { viewport: { width: 320, height: 700 }, bypassCSP: true });
  const url = await askQuestion(page, `Una pregunta con un título bastante largo para una pantalla pequeña ${suffix()}`);
  for (const path of ['/discussions', new URL(url).pathname, '/discussions/new', '/discussions?theme=housing_finance']) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await page.context().close();
});
