import { randomBytes } from 'node:crypto';
import { EVENT_COVER_MAX_BYTES, EVENT_COVER_WIDTHS } from '@mutirao/shared';
import { AppError, badRequest } from '../../http/errors';
import { ImageRejected, processImage } from '../../images/process-image';
import type { FileStore } from '../../storage/file-store';

export type CoverWidth = (typeof EVENT_COVER_WIDTHS)[number];
export const DEFAULT_COVER_WIDTH: CoverWidth = 960;

const coverField = (code: string, message: string) => [{ field: 'cover', code, message }];
export const coverTooLarge = () => new AppError(413, 'cover_too_large', 'The cover is larger than 3 MB.', coverField('too_large', 'must be at most 3 MB'));
const notAnImage = (message = 'is not a PNG, JPEG, WebP or SVG image') =>
  badRequest('invalid_cover', 'The cover must be a PNG, JPEG, WebP or SVG image.', coverField('not_an_image', message));

/**
 * An upload through the image pipeline at 16:9, in the widths pages use: the
 * pixels are drawn anew as WebP, so nothing of the uploaded file is served.
 */
export async function processCover(bytes: Buffer): Promise<Map<number, Buffer>> {
  if (bytes.length > EVENT_COVER_MAX_BYTES) throw coverTooLarge();
  try {
    return (await processImage(bytes, EVENT_COVER_WIDTHS, { aspect: 16 / 9 })).variants;
  } catch (err) {
    if (!(err instanceof ImageRejected)) throw err;
    if (err.reason === 'empty') throw badRequest('invalid_cover', 'The cover file is empty.', coverField('empty', 'is empty'));
    if (err.reason === 'too_many_pixels') throw notAnImage('has too many pixels (at most 40 megapixels)');
    throw notAnImage();
  }
}

const KEY = /^[0-9a-f-]{36}-[0-9a-f]{12}$/;
const variantKey = (key: string, width: number) => `covers/${key}/${width}.webp`;

/** Stores every width under a fresh key (its random part is the URL's `v`, so a new cover has a new address). */
export async function storeCover(files: FileStore, eventId: string, variants: Map<number, Buffer>): Promise<string> {
  const key = `${eventId}-${randomBytes(6).toString('hex')}`;
  for (const [width, bytes] of variants) await files.put(variantKey(key, width), bytes);
  return key;
}

export async function readCover(files: FileStore, key: string, width: CoverWidth): Promise<Buffer | undefined> {
  return KEY.test(key) ? files.get(variantKey(key, width)) : undefined;
}

export async function deleteCover(files: FileStore, key: string | null): Promise<void> {
  if (!key || !KEY.test(key)) return;
  for (const width of EVENT_COVER_WIDTHS) await files.delete(variantKey(key, width));
}

export const coverVersion = (key: string) => key.split('-').pop()!;
