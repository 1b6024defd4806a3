import { randomBytes } from 'node:crypto';
import { PERSON_PHOTO_MAX_BYTES, personPhotoSizes, type PersonPhotoSize } from '@mutirao/shared/people';
import { AppError, badRequest } from '../../http/errors';
import { ImageRejected, processImage } from '../../images/process-image';
import type { FileStore } from '../../storage/file-store';

export const DEFAULT_PHOTO_SIZE: PersonPhotoSize = 128;

const photoField = (code: string, message: string) => [{ field: 'photo', code, message }];

export const photoTooLarge = () =>
  new AppError(413, 'photo_too_large', 'The photo is larger than 2 MB.', photoField('too_large', 'must be at most 2 MB'));

const notAnImage = (message = 'is not a PNG, JPEG, WebP or SVG image') =>
  badRequest('invalid_photo', 'The photo must be a PNG, JPEG, WebP or SVG image.', photoField('not_an_image', message));

/**
 * An upload becomes the photo's sizes, drawn anew by the image pipeline (as logos
 * are: see organisations.logo.ts), so nothing of the uploaded file (EXIF with GPS,
 * a script, an appended payload) is ever served.
 */
export async function processPhoto(bytes: Buffer): Promise<Map<number, Buffer>> {
  if (bytes.length > PERSON_PHOTO_MAX_BYTES) throw photoTooLarge();
  try {
    return (await processImage(bytes, personPhotoSizes)).variants;
  } catch (err) {
    if (!(err instanceof ImageRejected)) throw err;
    if (err.reason === 'empty') throw badRequest('invalid_photo', 'The photo file is empty.', photoField('empty', 'is empty'));
    if (err.reason === 'too_many_pixels') throw notAnImage('has too many pixels (at most 40 megapixels)');
    throw notAnImage();
  }
}

const KEY = /^[0-9a-f-]{36}-[0-9a-f]{12}$/;
const variantKey = (key: string, size: number) => `photos/${key}/${size}.webp`;

/** Stores every size under a fresh key (`<user id>-<random>`): a new photo has a new URL. */
export async function storePhoto(files: FileStore, userId: string, variants: Map<number, Buffer>): Promise<string> {
  const key = `${userId}-${randomBytes(6).toString('hex')}`;
  for (const [size, bytes] of variants) await files.put(variantKey(key, size), bytes);
  return key;
}

export async function readPhoto(files: FileStore, key: string, size: PersonPhotoSize): Promise<Buffer | undefined> {
  return KEY.test(key) ? files.get(variantKey(key, size)) : undefined;
}

export async function deletePhoto(files: FileStore, key: string | null | undefined): Promise<void> {
  if (!key || !KEY.test(key)) return;
  for (const size of personPhotoSizes) await files.delete(variantKey(key, size));
}

/** The version part of a key, for the photo's URL. */
export const photoVersion = (key: string) => key.split('-').pop()!;
