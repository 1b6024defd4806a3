// What the renderer needs to know of the hub's own post images (their size, the larger
// variant), apart from the upload code so that rendering a post (discussions.changes.ts)
// does not import the upload, which uses the new-account rules in discussions.changes.ts.
import { POST_IMAGE_PREFIX, POST_IMAGE_WIDTHS } from '@mutirao/shared';
import type { Tx } from '@mutirao/db';
import type { ImageInfo } from '../../infra/markdown';
import * as repo from './discussions.images.repo';

export type PostImageWidth = (typeof POST_IMAGE_WIDTHS)[number];
const [WIDTH, LARGE_WIDTH] = POST_IMAGE_WIDTHS;

export const postImageUrl = (id: string, width: PostImageWidth = WIDTH) => `${POST_IMAGE_PREFIX}${id}/${width}.webp`;

const OWN_IMAGE = /\/api\/images\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(\d+)\.webp/g;

/** The ids of the hub's images a post's source names (at most 50 are looked at). */
export function imageIdsIn(source: string): string[] {
  const ids = new Set<string>();
  for (const match of source.matchAll(OWN_IMAGE)) ids.add(match[1]);
  return [...ids].slice(0, 50);
}

/**
 * What the renderer needs for the images a post names: their size and the larger
 * variant. An address naming an id the hub has not stored, or a width it does not
 * serve, finds nothing, and the renderer drops it.
 */
export async function imageInfoFor(tx: Tx, source: string): Promise<{ ids: string[]; info: (src: string) => ImageInfo | undefined }> {
  const rows = await repo.postImagesByIds(tx, imageIdsIn(source));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const info = (src: string): ImageInfo | undefined => {
    const match = /^\/api\/images\/([0-9a-f-]{36})\/(\d+)\.webp$/.exec(src);
    const row = match && byId.get(match[1]);
    if (!row || !(POST_IMAGE_WIDTHS as readonly number[]).includes(Number(match[2]))) return undefined;
    return {
      width: row.width,
      height: row.height,
      // Only when the upload was wider than the column: otherwise both files hold the same pixels.
      ...(row.largeWidth > row.width && { srcset: `${postImageUrl(row.id, LARGE_WIDTH)} 2x` })
    };
  };
  return { ids: rows.map((r) => r.id), info };
}
