import { randomBytes } from 'node:crypto';
import { ORGANISATION_LOGO_MAX_BYTES } from '@mutirao/shared';
import { AppError, badRequest } from '../../http/errors';
import { ImageRejected, processImage } from '../../images/process-image';
import type { FileStore } from '../../storage/file-store';

/** The widths the pages use: 56 px cards and the 96 px profile, at 1× and 2×. */
export const LOGO_SIZES = [64, 128, 256] as const;
export type LogoSize = (typeof LOGO_SIZES)[number];
/** What an <img src> without srcset gets. */
export const DEFAULT_LOGO_SIZE: LogoSize = 128;
/** Every stored logo is WebP: the pipeline re-encodes whatever was uploaded. */
export const LOGO_MIME = 'image/webp';

const logoField = (code: string, message: string) => [{ field: 'logo', code, message }];

export const logoTooLarge = () =>
  new AppError(413, 'logo_too_large', 'The logo is larger than 2 MB.', logoField('too_large', 'must be at most 2 MB'));

const notAnImage = (message = 'is not a PNG, JPEG, WebP or SVG image') =>
  badRequest('invalid_logo', 'The logo must be a PNG, JPEG, WebP or SVG image.', logoField('not_an_image', message));

/**
 * Turns an upload into the logo's sizes, or refuses it with the field's
 * problem. The size limit and the magic bytes are checked before anything is
 * decoded; the image pipeline then draws every size anew, so no byte of the
 * upload (script, metadata, appended payload) is ever served. SVG is no longer
 * filtered by hand: it is rasterised.
 */
export async function processLogo(bytes: Buffer): Promise<Map<number, Buffer>> {
  if (bytes.length > ORGANISATION_LOGO_MAX_BYTES) throw logoTooLarge();
  try {
    return (await processImage(bytes, LOGO_SIZES)).variants;
  } catch (err) {
    if (!(err instanceof ImageRejected)) throw err;
    if (err.reason === 'empty') throw badRequest('invalid_logo', 'The logo file is empty.', logoField('empty', 'is empty'));
    if (err.reason === 'too_many_pixels') throw notAnImage('has too many pixels (at most 40 megapixels)');
    throw notAnImage();
  }
}

/**
 * A logo's key names a folder of sizes: `<organisation id>-<random>`. The
 * random part is the `?v=` of its URL, so a new logo has a new URL and an
 * approved one can be cached for a day.
 */
const VERSIONED = /^[0-9a-f-]{36}-[0-9a-f]{12}$/;
/** Logos stored before the pipeline: one uploaded file, `<id>-<random>.<ext>`. */
const LEGACY = /^[0-9a-f-]+\.(png|jpg|webp|svg)$/;

const variantKey = (key: string, size: number) => `logos/${key}/${size}.webp`;

/** Stores every size under a fresh key and returns it. */
export async function storeLogo(files: FileStore, organisationId: string, variants: Map<number, Buffer>): Promise<string> {
  const key = `${organisationId}-${randomBytes(6).toString('hex')}`;
  for (const [size, bytes] of variants) await files.put(variantKey(key, size), bytes);
  return key;
}

/** The stored size, or undefined. A logo from before the pipeline is re-encoded on the way out, never served as uploaded. */
export async function readLogo(files: FileStore, key: string, size: LogoSize): Promise<Buffer | undefined> {
  if (VERSIONED.test(key)) return files.get(variantKey(key, size));
  if (!LEGACY.test(key)) return undefined;
  const original = await files.get(`logos/${key}`);
  if (!original) return undefined;
  try {
    return (await processImage(original, [size])).variants.get(size);
  } catch {
    return undefined;
  }
}

export async function deleteLogo(files: FileStore, key: string | null): Promise<void> {
  if (!key) return;
  if (VERSIONED.test(key)) {
    for (const size of LOGO_SIZES) await files.delete(variantKey(key, size));
  } else if (LEGACY.test(key)) {
    await files.delete(`logos/${key}`);
  }
}

/** The version part of a key, for the logo's URL. */
export function logoVersion(key: string): string {
  return key.replace(/\.[a-z]+$/, '').split('-').pop()!;
}
