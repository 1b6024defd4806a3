import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { postImages, type Tx } from '@mutirao/db';

export type PostImageRow = typeof postImages.$inferSelect;

export async function insertPostImage(tx: Tx, values: typeof postImages.$inferInsert): Promise<PostImageRow> {
  const [row] = await tx.insert(postImages).values(values).returning();
  return row;
}

export function postImagesByIds(tx: Tx, ids: readonly string[]): Promise<PostImageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.select().from(postImages).where(inArray(postImages.id, [...ids]));
}

/** Marks images as shown by a saved post, so housekeeping keeps them. */
export async function markPostImagesUsed(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(postImages)
    .set({ usedAt: sql`now()` })
    .where(and(inArray(postImages.id, [...ids]), isNull(postImages.usedAt)));
}

export async function recentUploadCount(tx: Tx, uploaderId: string, minutes: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(postImages)
    .where(and(eq(postImages.uploaderId, uploaderId), sql`${postImages.createdAt} > now() - make_interval(mins => ${minutes})`));
  return row.n;
}

/**
 * Removes (and answers) up to `limit` images no saved post used, uploaded more than
 * `hours` ago. The delete checks `used_at is null` again, so an image a post took
 * meanwhile stays.
 */
export async function deleteUnusedPostImages(tx: Tx, hours: number, limit: number): Promise<string[]> {
  const stale = () => and(isNull(postImages.usedAt), sql`${postImages.createdAt} < now() - make_interval(hours => ${hours})`);
  const candidates = await tx.select({ id: postImages.id }).from(postImages).where(stale()).orderBy(asc(postImages.createdAt)).limit(limit);
  if (candidates.length === 0) return [];
  const deleted = await tx
    .delete(postImages)
    .where(and(inArray(postImages.id, candidates.map((c) => c.id)), stale()))
    .returning({ id: postImages.id });
  return deleted.map((d) => d.id);
}

export function postImagesBy(tx: Tx, uploaderId: string) {
  return tx
    .select({ id: postImages.id, width: postImages.width, height: postImages.height, usedAt: postImages.usedAt, createdAt: postImages.createdAt })
    .from(postImages)
    .where(eq(postImages.uploaderId, uploaderId))
    .orderBy(asc(postImages.createdAt));
}
