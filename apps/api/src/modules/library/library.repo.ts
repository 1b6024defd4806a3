import { and, asc, count, desc, eq, gt, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { organisationMembers, organisations, resourceFiles, resources, users, type Tx } from '@mutirao/db';
import type { ExtractionState, ResourceStatus } from '@mutirao/shared';

export type ResourceRow = typeof resources.$inferSelect;
export type NewResource = typeof resources.$inferInsert;
export type ResourceFileRow = typeof resourceFiles.$inferSelect;
export type NewResourceFile = typeof resourceFiles.$inferInsert;

export async function findResourceBySlug(tx: Tx, slug: string): Promise<ResourceRow | undefined> {
  const [row] = await tx.select().from(resources).where(eq(resources.slug, slug)).limit(1);
  return row;
}

export async function findResourceById(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<ResourceRow | undefined> {
  const query = tx.select().from(resources).where(eq(resources.id, id)).limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Slugs equal to `base` or of the form `base-…`, to pick a free suffix from. */
export async function slugsLike(tx: Tx, base: string): Promise<string[]> {
  const rows = await tx
    .select({ slug: resources.slug })
    .from(resources)
    .where(or(eq(resources.slug, base), like(resources.slug, `${base}-%`)));
  return rows.map((r) => r.slug);
}

export async function insertResource(tx: Tx, values: NewResource): Promise<ResourceRow> {
  const [row] = await tx.insert(resources).values(values).returning();
  return row!;
}

export async function updateResource(tx: Tx, id: string, values: Partial<NewResource>): Promise<ResourceRow> {
  const [row] = await tx
    .update(resources)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(resources.id, id))
    .returning();
  return row!;
}

export async function deleteResource(tx: Tx, id: string): Promise<void> {
  await tx.delete(resources).where(eq(resources.id, id));
}

export async function countView(tx: Tx, id: string): Promise<void> {
  await tx.update(resources).set({ viewCount: sql`${resources.viewCount} + 1` }).where(eq(resources.id, id));
}

export async function countDownload(tx: Tx, id: string): Promise<void> {
  await tx.update(resources).set({ downloadCount: sql`${resources.downloadCount} + 1` }).where(eq(resources.id, id));
}

export async function approvedOrganisationBySlug(tx: Tx, slug: string) {
  const [row] = await tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.slug, slug), eq(organisations.status, 'approved')))
    .limit(1);
  return row;
}

export async function organisationsByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, status: organisations.status })
    .from(organisations)
    .where(inArray(organisations.id, ids));
}

/** Who to write to: name, address and language. */
export async function findPerson(tx: Tx, id: string) {
  const [row] = await tx.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function userNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ------------------------------------------------------------------ files

export async function filesOf(tx: Tx, resourceIds: string[]): Promise<ResourceFileRow[]> {
  if (resourceIds.length === 0) return [];
  return tx
    .select()
    .from(resourceFiles)
    .where(inArray(resourceFiles.resourceId, resourceIds))
    .orderBy(asc(resourceFiles.createdAt), asc(resourceFiles.version));
}

export async function findFile(tx: Tx, resourceId: string, fileId: string): Promise<ResourceFileRow | undefined> {
  const [row] = await tx
    .select()
    .from(resourceFiles)
    .where(and(eq(resourceFiles.id, fileId), eq(resourceFiles.resourceId, resourceId)))
    .limit(1);
  return row;
}

export async function findFileById(tx: Tx, fileId: string): Promise<ResourceFileRow | undefined> {
  const [row] = await tx.select().from(resourceFiles).where(eq(resourceFiles.id, fileId)).limit(1);
  return row;
}

export async function insertFile(tx: Tx, values: NewResourceFile): Promise<ResourceFileRow> {
  const [row] = await tx.insert(resourceFiles).values(values).returning();
  return row!;
}

export async function supersedeFile(tx: Tx, fileId: string): Promise<void> {
  await tx.update(resourceFiles).set({ supersededAt: new Date() }).where(and(eq(resourceFiles.id, fileId), isNull(resourceFiles.supersededAt)));
}

export async function deleteFile(tx: Tx, fileId: string): Promise<void> {
  await tx.delete(resourceFiles).where(eq(resourceFiles.id, fileId));
}

export async function recordExtraction(
  tx: Tx,
  fileId: string,
  result: { extraction: ExtractionState; text?: string | null; error?: string | null }
): Promise<ResourceFileRow | undefined> {
  const [row] = await tx
    .update(resourceFiles)
    .set({ extraction: result.extraction, extractedText: result.text ?? null, extractionError: result.error ?? null })
    .where(eq(resourceFiles.id, fileId))
    .returning();
  return row;
}

// ------------------------------------------------------------------ lists

export async function publishedByIds(tx: Tx, ids: string[]): Promise<ResourceRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(resources)
    .where(and(inArray(resources.id, ids), eq(resources.status, 'published')));
}

export async function publishedBySlugs(tx: Tx, slugs: string[]): Promise<ResourceRow[]> {
  if (slugs.length === 0) return [];
  return tx
    .select()
    .from(resources)
    .where(and(inArray(resources.slug, slugs), eq(resources.status, 'published')));
}

export async function publishedIdsAfter(tx: Tx, after: string | null, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: resources.id })
    .from(resources)
    .where(after ? and(eq(resources.status, 'published'), gt(resources.id, after)) : eq(resources.status, 'published'))
    .orderBy(asc(resources.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Current files' extracted text per resource, for the search documents. */
export async function extractedTextOf(tx: Tx, resourceIds: string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (resourceIds.length === 0) return map;
  const rows = await tx
    .select({ resourceId: resourceFiles.resourceId, text: resourceFiles.extractedText })
    .from(resourceFiles)
    .where(and(inArray(resourceFiles.resourceId, resourceIds), isNull(resourceFiles.supersededAt), eq(resourceFiles.extraction, 'done')))
    .orderBy(asc(resourceFiles.createdAt));
  for (const row of rows) if (row.text) map.set(row.resourceId, `${map.get(row.resourceId) ?? ''}\n${row.text}`.trim());
  return map;
}

export async function listByStatus(tx: Tx, status: ResourceStatus, page: number, pageSize: number) {
  const [items, [total]] = await Promise.all([
    tx
      .select()
      .from(resources)
      .where(eq(resources.status, status))
      .orderBy(asc(resources.submittedAt), asc(resources.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ n: count() }).from(resources).where(eq(resources.status, status))
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function listBySubmitter(tx: Tx, userId: string, page: number, pageSize: number) {
  const [items, [total]] = await Promise.all([
    tx
      .select()
      .from(resources)
      .where(eq(resources.submitterId, userId))
      .orderBy(desc(resources.updatedAt), asc(resources.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ n: count() }).from(resources).where(eq(resources.submitterId, userId))
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function newestPublished(tx: Tx, limit: number, themes?: readonly string[]) {
  const published = eq(resources.status, 'published');
  const where = themes && themes.length > 0 ? and(published, sql`${resources.themes} && ${sql.param([...themes])}::text[]`) : published;
  const [items, [total]] = await Promise.all([
    tx.select().from(resources).where(where).orderBy(desc(resources.publishedAt), asc(resources.id)).limit(limit),
    tx.select({ n: count() }).from(resources).where(where)
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Published resources naming this thread or event among their related ones, newest first. */
export async function publishedRelatedTo(tx: Tx, kind: 'thread' | 'event', id: string, limit: number) {
  const column = kind === 'thread' ? resources.relatedThreadIds : resources.relatedEventIds;
  return tx
    .select()
    .from(resources)
    .where(and(eq(resources.status, 'published'), sql`${column} @> array[${id}]::uuid[]`))
    .orderBy(desc(resources.publishedAt), asc(resources.id))
    .limit(limit);
}

/** The themes of the organisations a person belongs to: what "my themes" means until people have their own. */
export async function themesOfMember(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ themes: organisations.themes })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, userId));
  return [...new Set(rows.flatMap((r) => r.themes))];
}

/** Published resources a person submitted or is named an author of (by name). */
export async function publishedOfPerson(tx: Tx, userId: string, name: string, limit: number) {
  const where = and(
    eq(resources.status, 'published'),
    or(eq(resources.submitterId, userId), sql`${name} = any(${resources.authors})`)
  );
  const [items, [total]] = await Promise.all([
    tx.select().from(resources).where(where).orderBy(desc(resources.publishedAt)).limit(limit),
    tx.select({ n: count() }).from(resources).where(where)
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function publishedOfOrganisation(tx: Tx, organisationSlug: string, page: number, pageSize: number) {
  const where = and(
    eq(resources.status, 'published'),
    eq(organisations.slug, organisationSlug),
    eq(organisations.status, 'approved')
  );
  const [items, [total]] = await Promise.all([
    tx
      .select({ resource: resources })
      .from(resources)
      .innerJoin(organisations, eq(organisations.id, resources.publisherOrganisationId))
      .where(where)
      .orderBy(desc(resources.publishedAt), asc(resources.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx
      .select({ n: count() })
      .from(resources)
      .innerJoin(organisations, eq(organisations.id, resources.publisherOrganisationId))
      .where(where)
  ]);
  return { items: items.map((r) => r.resource), total: total?.n ?? 0 };
}
