import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { resourceFiles, resources, type Tx } from '@mutirao/db';

export function resourcesSubmittedBy(tx: Tx, userId: string) {
  return tx.select().from(resources).where(eq(resources.submitterId, userId)).orderBy(asc(resources.createdAt));
}

/** Files the person uploaded, to their own resources or (as a coordinator) to others'. */
export function filesUploadedBy(tx: Tx, userId: string) {
  return tx
    .select({ file: resourceFiles, resource: { slug: resources.slug, title: resources.title } })
    .from(resourceFiles)
    .innerJoin(resources, eq(resources.id, resourceFiles.resourceId))
    .where(eq(resourceFiles.uploadedBy, userId))
    .orderBy(asc(resourceFiles.createdAt));
}

/**
 * Deletes the person's drafts that were never submitted (no reviewer ever saw them)
 * and returns the storage keys of their files and covers, for the caller to remove.
 */
export async function deleteUnsubmittedDraftsOf(tx: Tx, userId: string): Promise<{ ids: string[]; keys: string[] }> {
  const drafts = await tx
    .select({ id: resources.id, coverKey: resources.coverKey })
    .from(resources)
    .where(and(eq(resources.submitterId, userId), eq(resources.status, 'draft'), isNull(resources.submittedAt)))
    .for('update');
  if (drafts.length === 0) return { ids: [], keys: [] };
  const ids = drafts.map((d) => d.id);
  const files = await tx.select({ key: resourceFiles.storageKey }).from(resourceFiles).where(inArray(resourceFiles.resourceId, ids));
  await tx.delete(resources).where(inArray(resources.id, ids));
  return { ids, keys: [...files.map((f) => f.key), ...drafts.flatMap((d) => (d.coverKey ? [d.coverKey] : []))] };
}
