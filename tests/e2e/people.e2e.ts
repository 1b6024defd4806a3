import { deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { createVerifiedAccount, signedInPage } from './support/accounts';
import { seriousViolations } from './support/axe';

/**
 * People as a practitioner meets them: filling the profile with a photo, then finding
 * another person in the directory by a misspelt theme and a country facet, on a phone-sized
 * screen too. Uses the demo people the hub seeds on its first start.
 */

/** A 64×64 PNG of one colour, made here (nothing fetched). */
function png(rgb: [number, number, number]): Buffer {
  const size = 64;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).fill(Buffer.from(rgb))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(client);
}

test('fill the profile with a photo, then find another person by a misspelt theme and a country', async ({ browser, request, baseURL }) => {
  test.setTimeout(240_000);
  const account = await createVerifiedAccount(request, baseURL!, 'Lucía Perfil');
  const page = await signedInPage(browser, account, { bypassCSP: true });

  await page.getByRole('navigation').getByRole('link', { name: 'Personas' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Personas' })).toBeVisible();
  await page.getByRole('link', { name: 'Editar mi perfil' }).click();

  // The photo first: refused when it is not an image, then saved.
  await page.getByLabel('Elige una foto').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from('no soy una imagen') });
  await page.getByRole('button', { name: 'Subir foto' }).click();
  await expect(page.getByText('Este archivo no se puede usar como foto')).toBeVisible();
  await expect(page.getByLabel('Elige una foto')).toBeFocused();
  await page.getByLabel('Elige una foto').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: png([30, 120, 90]) });
  await page.getByRole('button', { name: 'Subir foto' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tu foto está guardada' })).toBeVisible();

  await page.getByLabel('Presentación breve').fill('Urbanista en la alcaldía de Rosario');
  await page.getByLabel('Sobre ti').fill('Trabajo en **integración sociourbana** de barrios populares.');
  await page.getByRole('checkbox', { name: 'Argentina' }).check();
  await page.getByRole('checkbox', { name: 'Español' }).check();
  await page.getByRole('checkbox', { name: 'Mejoramiento de asentamientos informales' }).check();
  await page.getByLabel('Sitio web').fill('rosario.example.org/habitat');
  await page.getByLabel('ORCID iD').fill('0000-0002-1825-0098');
  await page.getByRole('button', { name: 'Guardar perfil' }).click();
  // A wrong check digit is refused next to the field, and the person is put back on it.
  await expect(page.getByText('Este no es un ORCID iD válido')).toBeVisible();
  await expect(page.getByLabel('ORCID iD')).toBeFocused();
  await expect(page.getByLabel('Presentación breve')).toHaveValue('Urbanista en la alcaldía de Rosario');
  await page.getByLabel('ORCID iD').fill('0000-0002-1825-0097');
  await page.getByRole('button', { name: 'Guardar perfil' }).click();
  // The confirmation takes the focus, so it is seen on a phone and read out.
  const saved = page.getByRole('status').filter({ hasText: 'Tu perfil está guardado' });
  await expect(saved).toBeVisible();
  await expect(page.locator('#details-status')).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);

  await saved.getByRole('link', { name: 'Ver mi perfil' }).click();
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
  await expect(page.getByText('Urbanista en la alcaldía de Rosario')).toBeVisible();
  await expect(page.locator('.bio strong')).toHaveText('integración sociourbana');
  await expect(page.getByRole('link', { name: 'rosario.example.org/habitat' })).toHaveAttribute('href', 'https://rosario.example.org/habitat');
  const photo = page.locator('img.avatar');
  await expect(photo).toHaveAttribute('srcset', /size=96 96w, .*size=128 128w, .*size=256 256w/);
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page.getByText(account.email)).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // The directory: "resilencia climatica" (misspelt, no accent) and the country facet.
  await page.goto('/people');
  await page.getByLabel('Buscar personas').fill('resilencia climatica');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Personas encontradas: \d+/ })).toBeVisible();
  await page.locator('summary', { hasText: 'Filtros' }).click();
  const peru = page.getByRole('group', { name: 'País' }).getByRole('checkbox', { name: 'Perú' });
  await peru.check();
  await page.getByRole('button', { name: 'Aplicar filtros' }).click();
  await expect(page).toHaveURL(/country=PE/);
  await expect(page.getByText('(activos: 1)')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Javier Huamán' })).toBeVisible();
  // Climate people elsewhere (Barbados) are filtered out; the misspelling still matched.
  await expect(page.getByRole('link', { name: 'Shanice Clarke' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Personas encontradas: [1-5]$/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Javier Huamán' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Javier Huamán' })).toBeVisible();
  await expect(page.getByText('Resiliencia climática y riesgo de desastres')).toBeVisible();
  await page.context().close();
});

test('the people pages fit a 320 px screen and the directory works without JavaScript', async ({ browser, request, baseURL }) => {
  const account = await createVerifiedAccount(request, baseURL!, 'Pedro Teléfono');
  const page = await signedInPage(browser, account, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
  for (const path of ['/people', '/people?q=vivienda&country=BR', '/account/profile', '/people/me']) {
    await page.goto(path);
    await noSidewaysScroll(page);
  }
  // Results come before the filters' long lists, which wait closed in their panel: the first
  // card is within the second screen (the header and the search take most of the first).
  await page.goto('/people');
  const first = page.locator('.cards li').first();
  await expect(first).toBeVisible();
  expect((await first.boundingBox())!.y).toBeLessThan(2 * 640);
  await expect(page.getByRole('checkbox', { name: 'Perú' })).toBeHidden();
  // Without JavaScript the GET form still searches.
  await page.getByLabel('Buscar personas').fill('despejos');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await expect(page).toHaveURL(/q=despejos/);
  await expect(page.getByRole('link', { name: 'Gabriela Ferreira' })).toBeVisible();
  await page.context().close();
});

test('visitors are sent to sign in for the directory and do not see members-only profiles', async ({ page }) => {
  await page.goto('/people');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpeople/);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Personas' })).toHaveCount(0);
});
