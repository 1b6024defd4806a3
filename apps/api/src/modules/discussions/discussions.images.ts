// Images in posts: uploaded here, drawn anew by the image pipeline, served from the
// hub's own address, and the only images a post may show (infra/markdown.ts drops
// any other; discussions.image-info.ts tells the renderer their sizes).
import { POST_IMAGE_MAX_BYTES, POST_IMAGE_WIDTHS } from '@mutirao/shared';
import sharp from 'sharp';
import { requireActor, type Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import { AppError } from '../../http/errors';
import { ImageRejected, processImage } from '../../images/process-image';
import type { FileStore } from '../../storage/file-store';
import { isNewAccount } from './discussions.changes';
import { postImageUrl, type PostImageWidth } from './discussions.image-info';
import * as repo from './discussions.images.repo';

const [WIDTH, LARGE_WIDTH] = POST_IMAGE_WIDTHS;

/** New accounts (first day) may upload this many an hour, twice their post allowance: a post may hold a few. */
const NEW_ACCOUNT_UPLOADS_PER_HOUR = 10;
/** An upload no saved post used within this many hours is removed (the editor's abandoned drafts). */
export const UNUSED_IMAGE_HOURS = 24;

const imageField = (code: string, message: string) => [{ field: 'image', code, message }];
export const imageTooLarge = () => new AppError(413, 'image_too_large', 'The image is larger than 5 MB.', imageField('too_large', 'must be at most 5 MB'));
const invalidImage = (message: string) =>
  new AppError(415, 'invalid_image', 'The image must be a PNG, JPEG, WebP or SVG file.', imageField('not_an_image', message));

const fileKey = (id: string, width: number) => `post-images/${id}/${width}.webp`;

/** `![plan of the site](/api/images/…)`: the alt text from the file's name, without what Markdown would read. */
export function altFromFilename(filename: string | undefined): string {
  const base = (filename ?? '').replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[[\]()\\!*_`<>#\r\n]+/g, ' ');
  return base.replace(/[-\s]+/g, ' ').trim().slice(0, 120);
}

/** Signed in, with a confirmed email (an upload costs storage and CPU; a throwaway address should not get it). */
export function assertMayUploadImage(actor: Actor | null): asserts actor is Actor {
  requireActor(actor);
  if (!actor.emailVerified) throw new AppError(403, 'email_not_verified', 'Confirm your email first: open the link we sent you.');
}

export interface UploadedPostImage {
  id: string;
  url: string;
  markdown: string;
  width: number;
  height: number;
}

/**
 * Stores an uploaded image for posts. Members whose email is confirmed may upload;
 * new accounts a few an hour (as they may post a few times an hour).
 */
export async function uploadPostImage(
  hub: Hub,
  actor: Actor | null,
  upload: { bytes: Buffer; filename?: string }
): Promise<UploadedPostImage> {
  assertMayUploadImage(actor);
  if (upload.bytes.length > POST_IMAGE_MAX_BYTES) throw imageTooLarge();
  if (await isNewAccount(hub, hub.db, actor)) {
    if ((await repo.recentUploadCount(hub.db, actor.id, 60)) >= NEW_ACCOUNT_UPLOADS_PER_HOUR) {
      throw new AppError(429, 'rate_limited', 'New accounts may upload a few images an hour. Try again later.', undefined, { 'retry-after': '600' });
    }
  }
  let variants: Map<number, Buffer>;
  try {
    variants = (await processImage(upload.bytes, POST_IMAGE_WIDTHS, { within: true })).variants;
  } catch (err) {
    if (!(err instanceof ImageRejected)) throw err;
    if (err.reason === 'empty') throw invalidImage('is empty');
    if (err.reason === 'too_many_pixels') throw invalidImage('has too many pixels (at most 40 megapixels)');
    throw invalidImage('is not a PNG, JPEG, WebP or SVG image');
  }
  const small = await sharp(variants.get(WIDTH)!).metadata();
  const large = await sharp(variants.get(LARGE_WIDTH)!).metadata();
  const id = crypto.randomUUID();
  // Files first, then the row: a reader finds an image only through a row, and a failed
  // insert takes its files back.
  for (const [width, bytes] of variants) await hub.files.put(fileKey(id, width), bytes);
  try {
    const row = await repo.insertPostImage(hub.db, { id, uploaderId: actor.id, width: small.width!, height: small.height!, largeWidth: large.width! });
    const url = postImageUrl(row.id);
    const alt = altFromFilename(upload.filename) || 'image';
    return { id: row.id, url, markdown: `![${alt}](${url})`, width: row.width, height: row.height };
  } catch (err) {
    await removeFiles(hub.files, id);
    throw err;
  }
}

/** The stored WebP, or undefined (an unknown id, a removed image). */
export async function readPostImage(files: FileStore, id: string, width: PostImageWidth): Promise<Buffer | undefined> {
  return files.get(fileKey(id, width));
}

async function removeFiles(files: FileStore, id: string): Promise<void> {
  for (const width of POST_IMAGE_WIDTHS) await files.delete(fileKey(id, width));
}

export const markImagesUsed = repo.markPostImagesUsed;

/** Housekeeping: uploads no saved post used within a day go, row first, then files. */
export async function removeUnusedPostImages(hub: Pick<Hub, 'db' | 'files'>): Promise<number> {
  let removed = 0;
  for (;;) {
    const ids = await repo.deleteUnusedPostImages(hub.db, UNUSED_IMAGE_HOURS, 200);
    for (const id of ids) await removeFiles(hub.files, id);
    removed += ids.length;
    if (ids.length < 200) return removed;
  }
}
