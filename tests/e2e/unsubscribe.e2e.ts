import { expect, test, type APIRequestContext } from '@playwright/test';
import { createVerifiedAccount, signedInPage } from './support/accounts';
import { seriousViolations } from './support/axe';

/**
 * A notification mail's unsubscribe link, opened without signing in and without
 * JavaScript: the page says what it will turn off and changes nothing until the
 * button is pressed; afterwards the person's mail setting is off.
 */

interface StoredMail {
  to: string;
  text: string;
  kind?: string;
  headers?: Record<string, string>;
}

async function mentionMail(request: APIRequestContext, email: string): Promise<StoredMail | undefined> {
  const mails = (await (await request.get('/dev/mail.json')).json()) as StoredMail[];
  return mails.find((m) => m.to === email && m.kind === 'discussion.mention');
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the unsubscribe page asks first, then turns the mail off', async ({ browser, request, baseURL }) => {
    const tag = Date.now().toString(36);
    const ana = await createVerifiedAccount(request, baseURL!, `Ana Autora${tag}`);
    const bruno = await createVerifiedAccount(request, baseURL!, `Bruno Baja${tag}`);
    const anaPage = await signedInPage(browser, ana);
    const origin = new URL(baseURL!).origin;
    const asked = await anaPage.request.post('/api/threads', {
      headers: { origin },
      data: {
        kind: 'discussion',
        title: `Cooperativas de vivienda ${tag}`,
        body: `¿Qué opinas, @Bruno_Baja${tag}?`,
        theme: 'social_housing',
        language: 'es',
        countries: ['AR'],
        tags: []
      }
    });
    expect(asked.status()).toBe(201);

    let mail: StoredMail | undefined;
    await expect.poll(async () => (mail = await mentionMail(request, bruno.email))).toBeTruthy();
    expect(mail!.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const link = new URL(mail!.text.match(/https?:\/\/\S+\/unsubscribe\/\S+/)![0]);

    // A stranger's browser: no session at all.
    const context = await browser.newContext({ locale: 'es-AR', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link.pathname);
    await expect(page.getByRole('heading', { name: 'Dejar de recibir este correo' })).toBeVisible();
    await expect(page.getByText(/La dirección b•••@example\.org dejará de recibir correos de: Alguien te mencionó en un debate\./)).toBeVisible();
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 700 });
      await page.screenshot({ path: `tests/e2e/.artifacts/unsubscribe-${width}.png`, fullPage: true });
    }
    // axe runs in the page, so it needs JavaScript, and is injected as a script, which the CSP rightly refuses.
    const checker = await browser.newContext({ locale: 'es-AR', javaScriptEnabled: true, bypassCSP: true });
    const checked = await checker.newPage();
    await checked.goto(link.pathname);
    expect(await seriousViolations(checked)).toEqual([]);
    await checker.close();

    // Opening the page changed nothing.
    const brunoPage = await signedInPage(browser, bruno);
    const mentionSetting = async () =>
      ((await (await brunoPage.request.get('/api/me/notification-settings')).json()) as { items: { kind: string; email: boolean }[] }).items.find(
        (i) => i.kind === 'discussion.mention'
      )?.email;
    expect(await mentionSetting()).toBe(true);

    await page.getByRole('button', { name: 'Dejar de recibir estos correos' }).click();
    await expect(page.getByText(/Listo: b•••@example\.org ya no recibirá correos de: Alguien te mencionó en un debate\./)).toBeVisible();
    await page.screenshot({ path: 'tests/e2e/.artifacts/unsubscribe-done-390.png', fullPage: true });
    expect(await mentionSetting()).toBe(false);

    // The same link opened later says so, and offers no button.
    await page.goto(link.pathname);
    await expect(page.getByText('Los correos de «Alguien te mencionó en un debate» ya están desactivados para b•••@example.org.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Dejar de recibir estos correos' })).toHaveCount(0);

    // An altered link: a clear page, and nothing else changes.
    await page.goto(`${link.pathname.slice(0, -2)}xx`);
    await expect(page.getByRole('heading', { name: 'Este enlace no funciona' })).toBeVisible();
    await context.close();
  });
});
