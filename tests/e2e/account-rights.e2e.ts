import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { coordinator, createVerifiedAccount, password, signedInPage, submitSignIn, uniqueEmail } from './support/accounts';
import { seriousViolations } from './support/axe';
import { mailedLink } from './support/mail';
import { applyForOrganisation, approveOrganisation } from './support/organisations';

/**
 * The owner's rights and contact between members, in the browser: writing to someone
 * (the mail carries neither address until the answer), answering and reporting, turning
 * contact off, moving the account to a new address, downloading the data, deleting the
 * account (refused first for an organisation's only admin). Mail is read from /dev/mail.json.
 */

interface StoredMail {
  to: string;
  subject: string;
  text: string;
  kind?: string;
  replyTo?: string;
}

async function mailTo(request: APIRequestContext, email: string): Promise<StoredMail[]> {
  const mails = (await (await request.get('/dev/mail.json')).json()) as StoredMail[];
  return mails.filter((m) => m.to === email);
}

async function myId(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/me')).json()) as { user: { id: string } }).user.id;
}

test('write to a member: neither address travels until they answer; they answer, report, and turn contact off', async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const ana = await createVerifiedAccount(request, baseURL!, 'Ana Remitente');
  const bruno = await createVerifiedAccount(request, baseURL!, 'Bruno Destinatario');
  const anaPage = await signedInPage(browser, ana);
  const brunoPage = await signedInPage(browser, bruno);
  const brunoId = await myId(brunoPage);

  await anaPage.goto(`/people/${brunoId}/contact`);
  await expect(anaPage.getByRole('heading', { name: 'Escribir a Bruno Destinatario' })).toBeVisible();
  await anaPage.getByLabel('Asunto').fill('Alquiler social en Rosario');
  await anaPage.getByLabel('Mensaje').fill('Hola, Bruno: ¿conversamos sobre tu experiencia con cooperativas?');
  await anaPage.getByRole('button', { name: 'Enviar mensaje' }).click();
  await expect(anaPage.getByRole('status')).toContainText('Mensaje enviado');

  // The mail reaches Bruno with Ana's name and a link to answer through the hub, not her address.
  let received: StoredMail | undefined;
  await expect.poll(async () => (received = (await mailTo(request, bruno.email)).find((m) => m.subject.includes('Ana Remitente')))).toBeTruthy();
  expect(JSON.stringify(received)).not.toContain(ana.email);
  expect(received!.text).toContain('¿conversamos sobre tu experiencia con cooperativas?');
  expect((await mailTo(request, ana.email)).filter((m) => m.kind?.startsWith('contact.'))).toEqual([]);

  const link = new URL(received!.text.match(/https?:\/\/\S+\/contact\/messages\/\S+/)![0]);
  await brunoPage.goto(link.pathname);
  await expect(brunoPage.getByRole('heading', { name: 'Alquiler social en Rosario' })).toBeVisible();
  await expect(brunoPage.getByText('De Ana Remitente')).toBeVisible();
  await brunoPage.getByLabel('Tu respuesta').fill('¡Claro! Escríbeme cuando quieras.');
  await brunoPage.getByRole('button', { name: 'Enviar respuesta' }).click();
  await expect(brunoPage.getByText('¡Claro! Escríbeme cuando quieras.')).toBeVisible();

  // Answering is Bruno's choice to share his address: Ana's answer mail carries it, and only it.
  let answer: StoredMail | undefined;
  await expect.poll(async () => (answer = (await mailTo(request, ana.email)).find((m) => m.kind === 'contact.reply'))).toBeTruthy();
  expect(answer!.replyTo).toBe(bruno.email);
  expect(answer!.text).toContain('¡Claro! Escríbeme cuando quieras.');
  expect(JSON.stringify(await mailTo(request, bruno.email))).not.toContain(ana.email);

  await brunoPage.getByLabel('¿Qué ocurre?').fill('Solo para probar la denuncia.');
  await brunoPage.getByRole('button', { name: 'Denunciar mensaje' }).click();
  await expect(brunoPage.getByRole('status')).toContainText('Denunciaste este mensaje');

  // Bruno turns contact off on his account page; Ana's form says so instead of sending.
  await brunoPage.goto('/account');
  await brunoPage.getByLabel('Aceptar mensajes de integrantes').uncheck();
  await brunoPage.getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(brunoPage.getByRole('status')).toContainText('nadie puede escribirte');
  await anaPage.goto(`/people/${brunoId}/contact`);
  await expect(anaPage.getByText('Bruno Destinatario no acepta mensajes')).toBeVisible();
  await expect(anaPage.getByRole('button', { name: 'Enviar mensaje' })).toHaveCount(0);

  await anaPage.context().close();
  await brunoPage.context().close();
});

test('change the email address, download the data and delete the account', async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const carla = await createVerifiedAccount(request, baseURL!, 'Carla Mudanza');
  const page = await signedInPage(browser, carla, { acceptDownloads: true });

  // A new address: confirmed from its own mailbox, and the session stays open.
  const newEmail = uniqueEmail('carla.nueva');
  await page.goto('/account');
  await page.locator('#new-email').fill(newEmail);
  await page.locator('#email-password').fill(password);
  await page.getByRole('button', { name: 'Enviar enlace de confirmación' }).click();
  await expect(page.getByRole('status')).toContainText(`Enviamos un enlace a ${newEmail}`);
  await expect.poll(async () => (await mailTo(request, carla.email)).length).toBeGreaterThan(0);
  await page.goto(await mailedLink(request, newEmail, '/account/email/confirm'));
  await page.getByRole('button', { name: 'Confirmar nuevo correo' }).click();
  await expect(page.getByRole('status')).toContainText(`Listo: tu cuenta ahora usa ${newEmail}`);
  await page.goto('/account');
  await expect(page.getByText(`Tu cuenta usa ${newEmail}`)).toBeVisible();

  // The export is a JSON file with the account under its new address.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar mis datos' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mutirao-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(data.sections.accounts.account).toMatchObject({ name: 'Carla Mudanza', email: newEmail });

  // The only admin of an organisation is told which one to hand on first.
  const org = await applyForOrganisation(page, baseURL!, `Cooperativa Mudanza ${Date.now()}`);
  await approveOrganisation(baseURL!, org.slug);
  await page.goto('/account');
  await page.getByRole('link', { name: 'Eliminar mi cuenta…' }).click();
  await expect(page.getByRole('heading', { name: 'Eliminar tu cuenta' })).toBeVisible();
  await page.getByLabel('Contraseña actual').fill(password);
  await page.getByLabel('Entiendo que esto no se puede deshacer').check();
  await page.getByRole('button', { name: 'Eliminar mi cuenta definitivamente' }).click();
  await expect(page.getByRole('alert')).toContainText('Eres la única persona administradora');
  await expect(page.getByRole('alert').getByRole('link', { name: /Cooperativa Mudanza/ })).toHaveAttribute('href', `/organisations/${org.slug}/manage`);

  // Once someone else is admin, deletion goes through.
  const origin = new URL(baseURL!).origin;
  const dora = await createVerifiedAccount(request, baseURL!, 'Dora Sucesora');
  const doraPage = await signedInPage(browser, dora);
  const join = await doraPage.request.post(`/api/organisations/${org.slug}/join-requests`, { headers: { origin }, data: { message: 'Me sumo.' } });
  expect(join.status()).toBe(201);
  const approved = await page.request.post(`/api/organisations/${org.slug}/join-requests/${(await join.json()).joinRequest.id}/approve`, { headers: { origin } });
  expect(approved.status()).toBe(200);
  const promoted = await page.request.patch(`/api/organisations/${org.slug}/members/${await myId(doraPage)}`, { headers: { origin }, data: { role: 'admin' } });
  expect(promoted.status()).toBe(200);
  await doraPage.context().close();

  await page.getByLabel('Contraseña actual').fill(password);
  await page.getByLabel('Entiendo que esto no se puede deshacer').check();
  await page.getByRole('button', { name: 'Eliminar mi cuenta definitivamente' }).click();
  await expect(page).toHaveURL(/\/account\/deleted$/);
  await expect(page.getByRole('heading', { name: 'Tu cuenta fue eliminada' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Iniciar sesión' })).toBeVisible();

  // Neither address signs in any more.
  await submitSignIn(page, newEmail);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.context().close();
});

test('the account rights and contact pages fit a 320 px phone and pass axe', async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const ana = await createVerifiedAccount(request, baseURL!, 'Ana Telefono');
  const bruno = await createVerifiedAccount(request, baseURL!, 'Bruno Telefono');
  // bypassCSP: axe is injected as a script, which the CSP rightly refuses.
  const phone = { viewport: { width: 320, height: 640 }, bypassCSP: true };
  const anaPage = await signedInPage(browser, ana, phone);
  const brunoPage = await signedInPage(browser, bruno, phone);
  const brunoId = await myId(brunoPage);
  const sent = await anaPage.request.post(`/api/people/${brunoId}/messages`, {
    headers: { origin: new URL(baseURL!).origin },
    data: { subject: 'Una pregunta con una palabra larguísima: desarrollourbanosostenibleeinclusivoparatodas', body: 'https://example.org/una/direccion/muy/larga/que/no/deberia/romper/la/pagina/en/un/telefono' }
  });
  expect(sent.status()).toBe(201);
  const messageId = ((await sent.json()) as { id: string }).id;
  const coordinatorPage = await signedInPage(browser, coordinator(), phone);
  const reported = await brunoPage.request.post(`/api/contact/messages/${messageId}/report`, { headers: { origin: new URL(baseURL!).origin }, data: { reason: 'Prueba' } });
  expect(reported.status()).toBe(200);

  const pages: Array<[Page, string]> = [
    [anaPage, '/account'],
    [anaPage, '/account/delete'],
    [anaPage, `/people/${brunoId}/contact`],
    [anaPage, `/contact/messages/${messageId}`],
    [brunoPage, `/contact/messages/${messageId}`],
    [anaPage, '/account/email/confirm?token=abcdefghijklmnopqrstuvwxyz'],
    [coordinatorPage, '/admin/contact-reports']
  ];
  for (const [page, path] of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(client);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  for (const page of [anaPage, brunoPage, coordinatorPage]) await page.context().close();
});
