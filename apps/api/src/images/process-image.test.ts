import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ImageRejected, processImage, sniffImage } from './process-image';

const SIZES = [64, 128, 256];

async function solid(format: 'png' | 'jpeg', options: { width?: number; height?: number } = {}) {
  const image = sharp({ create: { width: options.width ?? 40, height: options.height ?? 20, channels: 3, background: { r: 20, g: 120, b: 60 } } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg().toBuffer();
}

/** Every variant is a square WebP of its size, and carries no metadata at all. */
async function expectCleanWebp(variants: Map<number, Buffer>) {
  expect([...variants.keys()]).toEqual(SIZES);
  for (const [size, bytes] of variants) {
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: size, height: size });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
  }
}

describe('processImage', () => {
  it('rasterises the SVG that slipped past the old filter (<set> writing a java&#9;script: href) into a harmless WebP', async () => {
    const payload = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 20 20">' +
        '<a><set attributeName="href" to="java&#9;script:alert(document.domain)"/><rect width="20" height="20" fill="#c00"/></a></svg>'
    );
    const { source, variants } = await processImage(payload, SIZES);
    expect(source).toBe('svg');
    await expectCleanWebp(variants);
    for (const bytes of variants.values()) {
      const text = bytes.toString('latin1');
      expect(text).not.toMatch(/script|<svg|href/i);
    }
    // It was drawn: the middle pixel is the red square, not transparency.
    const { data } = await sharp(variants.get(64)!).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const middle = (32 * 64 + 32) * 4;
    const [r, g, b, a] = data.subarray(middle, middle + 4);
    // Lossy WebP: near #cc0000, opaque.
    expect(Math.abs(r - 204) < 12 && g < 12 && b < 12 && a === 255, `${[r, g, b, a]}`).toBe(true);
  });

  it('draws a script-carrying SVG without its script, and loads no file it points at', async () => {
    // A real picture on disk that the SVG tries to pull in over its whole area.
    const dir = await mkdtemp(join(tmpdir(), 'mutirao-svg-'));
    const outside = join(dir, 'outside.png');
    await sharp({ create: { width: 30, height: 30, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toFile(outside);
    try {
      const payload = Buffer.from(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="30" height="30" onload="alert(1)">' +
          `<script>alert(2)</script><image href="file://${outside}" width="30" height="30"/>` +
          '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject><circle cx="15" cy="15" r="10" fill="#036"/></svg>'
      );
      const { variants } = await processImage(payload, SIZES);
      await expectCleanWebp(variants);
      for (const bytes of variants.values()) expect(bytes.toString('latin1')).not.toMatch(/alert|script|foreignObject/);
      // The corner, outside the circle, is transparent: the file was not drawn.
      const { data } = await sharp(variants.get(64)!).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      expect(data[(2 * 64 + 2) * 4 + 3]).toBe(0);
      expect(data[(32 * 64 + 32) * 4 + 3]).toBe(255);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('drops a JPEG’s EXIF, GPS position included, and keeps its picture', async () => {
    const jpeg = await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 200, g: 50, b: 50 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'PhoneCo', Model: 'Pocket 3', Software: 'Secret-Agent' },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '22/1 54/1 30/1', GPSLongitudeRef: 'W', GPSLongitude: '43/1 10/1 20/1' }
      })
      .toBuffer();
    const before = await sharp(jpeg).metadata();
    expect(before.exif?.toString('latin1')).toContain('PhoneCo');
    const { source, variants } = await processImage(jpeg, SIZES);
    expect(source).toBe('jpeg');
    await expectCleanWebp(variants);
    for (const bytes of variants.values()) expect(bytes.toString('latin1')).not.toMatch(/PhoneCo|Secret-Agent|Exif|GPS/);
  });

  it('leaves behind what a polyglot appended after a PNG (an HTML page, a ZIP archive)', async () => {
    const png = await solid('png');
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('payload.txt hidden zip entry'), Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
    const polyglot = Buffer.concat([png, html, zip]);
    const { source, variants } = await processImage(polyglot, SIZES);
    expect(source).toBe('png');
    await expectCleanWebp(variants);
    for (const bytes of variants.values()) {
      expect(bytes.includes(html)).toBe(false);
      expect(bytes.toString('latin1')).not.toMatch(/script|payload\.txt/);
      expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false);
    }
  });

  it('makes the three square sizes, the picture contained on transparency', async () => {
    const { variants } = await processImage(await solid('jpeg', { width: 300, height: 100 }), SIZES);
    await expectCleanWebp(variants);
    const { data, info } = await sharp(variants.get(128)!).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
    // A 3:1 picture fills the width; above and below it is transparent.
    expect(alphaAt(64, 64)).toBe(255);
    expect(alphaAt(64, 5)).toBe(0);
  });

  it('refuses what is not one of the accepted images, by its bytes', async () => {
    const cases: Array<[Buffer, string]> = [
      [Buffer.alloc(0), 'empty'],
      [Buffer.from('just some text, not an image'), 'not_an_image'],
      [Buffer.from('GIF89a\x01\x00\x01\x00'), 'not_an_image'],
      // A PNG signature on garbage: the decoder must agree with the magic bytes.
      [Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really a png')]), 'not_an_image'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect'), 'not_an_image']
    ];
    for (const [bytes, reason] of cases) {
      const error = await processImage(bytes, SIZES).catch((err: unknown) => err);
      expect(error, bytes.toString('latin1').slice(0, 30)).toBeInstanceOf(ImageRejected);
      expect((error as ImageRejected).reason).toBe(reason);
    }
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const bomb = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>');
    const error = await processImage(bomb, SIZES).catch((err: unknown) => err);
    expect((error as ImageRejected).reason).toBe('too_many_pixels');
  });

  it('recognises the accepted formats by their first bytes only', async () => {
    expect(sniffImage(await solid('png'))).toBe('png');
    expect(sniffImage(await solid('jpeg'))).toBe('jpeg');
    expect(sniffImage(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- a logo -->\n<svg viewBox="0 0 1 1"/>'))).toBe('svg');
    expect(sniffImage(Buffer.from('<html><svg/></html>'))).toBeUndefined();
  });
});
