import { deflateSync } from 'node:zlib';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { createVerifiedAccount, signedInPage } from './support/accounts';
import { applyForOrganisation, approveOrganisation } from './support/organisations';

/**
 * An organisation's admin gives it a logo from the edit page: a real PNG is re-encoded
 * into WebP sizes and shows on the profile and in the directory (srcset); a text file
 * named logo.png, an oversized file and the like are refused with a message next to the
 * field and change nothing; an SVG, even one carrying a script, becomes a raster logo.
 * With and without JavaScript. The interface is in Spanish (the config's locale).
 */

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 PNG: one green, opaque pixel (8-bit RGBA). */
function onePixelPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 6, 0, 0, 0], 8); // bit depth, colour type RGBA, compression, filter, interlace
  const row = Buffer.from([0, 0x1b, 0x7a, 0x3c, 0xff]); // filter byte, then R G B A
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(row)),
    pngChunk('IEND', Buffer.alloc(0))
  ]);
}

const png = onePixelPng();
const MB = 1024 * 1024;

/**
 * An approved organisation and its admin, signed in: the applicant applies through the
 * API and the demo coordinator approves (the application pages have their own test).
 */
async function organisationWithAdmin(browser: Browser, request: APIRequestContext, baseURL: string, javaScriptEnabled: boolean) {
  const name = `Colectivo Techo Propio ${Math.random().toString(36).slice(2, 7)}`;
  const account = await createVerifiedAccount(request, baseURL, 'Lucía Logo');
  const page = await signedInPage(browser, account, { javaScriptEnabled });
  const organisation = await applyForOrganisation(page, baseURL, name, {
    countries: ['PE'],
    hqCity: 'Arequipa',
    hqCountry: 'PE',
    contactEmail: 'hola@techo-propio.example.org',
    description: 'Colectivo de vivienda progresiva en los conos de Arequipa.'
  });
  await approveOrganisation(baseURL, organisation.slug);
  return { page, name, slug: organisation.slug };
}

/**
 * The profile's logo, once the browser has really decoded it: shown at 96 px, so at
 * one device pixel per CSS pixel the browser picks the 128 px size from the srcset.
 */
async function expectProfileLogo(page: Page, name: string): Promise<string> {
  const logo = page.getByRole('img', { name: `Logo de ${name}` });
  await expect(logo).toBeVisible();
  // With `w` descriptors the decoded width is reported per CSS pixel (128 / (128/96) = 96); currentSrc names the file.
  await expect
    .poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && [img.naturalWidth, img.currentSrc.replace(/^.*[?&]size=/, '')]))
    .toEqual([96, '128']);
  await expect(logo).toHaveAttribute('srcset', /size=64 64w, .*size=128 128w, .*size=256 256w$/);
  return (await logo.getAttribute('src'))!;
}

test('an admin uploads a PNG logo; a text file named logo.png is refused and changes nothing', async ({ browser, request, baseURL }) => {
  const { page, name, slug } = await organisationWithAdmin(browser, request, baseURL!, true);
  await page.goto(`/organisations/${slug}/edit`);
  const section = page.getByRole('region', { name: 'Logo' });
  await expect(section).toContainText('Todavía no hay logo');
  const input = section.getByLabel('Imagen del logo');
  await expect(input).toHaveAccessibleDescription(/PNG, JPEG, WebP o SVG, de 2 MB como máximo/);

  // A real PNG is saved and shown.
  await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await section.getByRole('button', { name: 'Subir el logo' }).click();
  await expect(section.getByRole('status')).toHaveText('Logo guardado.');
  await expect(section.getByRole('img', { name: `Logo de ${name}` })).toBeVisible();

  await page.goto(`/organisations/${slug}`);
  const src = await expectProfileLogo(page, name);
  // Served as the pipeline made it: a WebP of the asked size, not the uploaded bytes.
  const served = await page.request.get(src);
  expect(served.headers()['content-type']).toBe('image/webp');
  const body = await served.body();
  expect([body.subarray(0, 4).toString('latin1'), body.subarray(8, 12).toString('latin1')]).toEqual(['RIFF', 'WEBP']);

  // The directory card shows it too (the 64 px size for its 56 px box), once the search index has caught up.
  const versioned = src.replace(/&size=\d+$/, '');
  await expect(async () => {
    await page.goto(`/organisations?q=${encodeURIComponent(name)}`);
    const card = page.locator('article').filter({ has: page.getByRole('link', { name }) });
    await expect(card.locator('img')).toHaveAttribute('src', `${versioned}&size=64`, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // A text file named logo.png: refused next to the field, the input keeps the focus.
  await page.goto(`/organisations/${slug}/edit`);
  await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('Esto no es una imagen.\n') });
  await section.getByRole('button', { name: 'Subir el logo' }).click();
  const refusal = '“logo.png” no es una imagen, aunque su nombre lo diga. Elige una imagen PNG, JPEG, WebP o SVG de verdad.';
  await expect(section.locator('#logo-file-error')).toHaveText(refusal);
  await expect(input).toHaveAccessibleDescription(new RegExp(refusal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toBeFocused();

  // A file over 2 MB is stopped in the browser, before a slow upload.
  await input.setInputFiles({ name: 'grande.png', mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.alloc(2 * MB)]) });
  let posted = false;
  page.on('request', (req) => {
    if (req.method() === 'POST') posted = true;
  });
  await section.getByRole('button', { name: 'Subir el logo' }).click();
  await expect(section.locator('#logo-file-error')).toHaveText('El archivo pesa más de 2 MB. Elige uno más liviano o guárdalo en un tamaño menor.');
  expect(posted).toBe(false);

  // Nothing changed: the same file, at the same address.
  await page.goto(`/organisations/${slug}`);
  expect(await expectProfileLogo(page, name)).toBe(src);

  // The admin removes it.
  await page.goto(`/organisations/${slug}/edit`);
  await section.getByRole('button', { name: 'Quitar el logo' }).click();
  await expect(section.getByRole('status')).toHaveText('Se quitó el logo.');
  await expect(section).toContainText('Todavía no hay logo');
  await page.goto(`/organisations/${slug}`);
  await expect(page.getByRole('img', { name: `Logo de ${name}` })).toHaveCount(0);
  expect((await page.request.get(src)).status()).toBe(404);
});

test.describe('without JavaScript', () => {
  test('the logo form uploads, and refuses fakes and oversized files next to the field', async ({ browser, request, baseURL }) => {
    const { page, name, slug } = await organisationWithAdmin(browser, request, baseURL!, false);
    await page.goto(`/organisations/${slug}/edit`);
    const section = page.getByRole('region', { name: 'Logo' });
    const input = section.getByLabel('Imagen del logo');
    const upload = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      await input.setInputFiles(file);
      await section.getByRole('button', { name: 'Subir el logo' }).click();
    };

    await upload({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('Esto no es una imagen.\n') });
    await expect(page).toHaveURL(/#logo$/);
    await expect(section.locator('#logo-file-error')).toHaveText(/^“logo\.png” no es una imagen/);
    await expect(input).toHaveAttribute('aria-invalid', 'true');

    // A GIF is a real image, in a format the hub does not take.
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    await upload({ name: 'logo.gif', mimeType: 'image/gif', buffer: gif });
    await expect(section.locator('#logo-file-error')).toHaveText('“logo.gif” no está en un formato aceptado. Guarda el logo como PNG, JPEG, WebP o SVG.');

    // Just over 2 MB reaches the API and is refused there; far over it, the page server refuses it itself.
    const tooLarge = 'El archivo pesa más de 2 MB. Elige uno más liviano o guárdalo en un tamaño menor.';
    await upload({ name: 'grande.png', mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.alloc(2 * MB)]) });
    await expect(section.locator('#logo-file-error')).toHaveText(tooLarge);
    await upload({ name: 'enorme.png', mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.alloc(4 * MB)]) });
    await expect(section.locator('#logo-file-error')).toHaveText(tooLarge);

    // None of that gave the organisation a logo.
    await page.goto(`/organisations/${slug}`);
    await expect(page.getByRole('img', { name: `Logo de ${name}` })).toHaveCount(0);

    // A file close to the 2 MB limit goes through the one-process server (whose page bodies default to 512 KB)…
    await page.goto(`/organisations/${slug}/edit`);
    const nearLimit = Buffer.concat([png, Buffer.alloc(2 * MB - png.length - 64)]);
    await upload({ name: 'casi-2mb.png', mimeType: 'image/png', buffer: nearLimit });
    await expect(section.getByRole('status')).toHaveText('Logo guardado.');
    // …and then the 1×1 PNG replaces it.
    await upload({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await expect(section.getByRole('status')).toHaveText('Logo guardado.');
    await page.goto(`/organisations/${slug}`);
    await expectProfileLogo(page, name);

    // An SVG carrying a script is not refused any more: it is drawn into a WebP, and no script survives.
    await page.goto(`/organisations/${slug}/edit`);
    const script = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><script>alert(1)</script><rect width="8" height="8" fill="#063"/></svg>');
    await upload({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: script });
    await expect(section.getByRole('status')).toHaveText('Logo guardado.');
    await page.goto(`/organisations/${slug}`);
    const served = await page.request.get(await expectProfileLogo(page, name));
    expect(served.headers()['content-type']).toBe('image/webp');
    expect((await served.body()).toString('latin1')).not.toMatch(/script|<svg/);
  });
});
