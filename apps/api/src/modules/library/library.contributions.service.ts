// What a submitter does: start a contribution, edit it, add and replace files, submit it, delete it.
import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '@mutirao/db';
import type { ResourceCreateInput, ResourceUpdateInput, ResourceView } from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import { AppError, badRequest, notFound, type FieldError } from '../../http/errors';
import { renderMarkdown } from '../../infra/markdown';
import { afterChange, viewOf, type LibraryHub } from './library.changes';
import { LIBRARY_EXTRACT, extractsText } from './library.extract';
import { checkFile, cleanFilename, fileKinds } from './library.files';
import { authorizeResource } from './library.policy';
import * as repo from './library.repo';
import { RESOURCES_INDEX } from './library.search';

const invalid = (fields: FieldError[]) => badRequest('validation_failed', 'Some fields are missing or invalid.', fields);

const reservedSlugs = new Set(['new', 'review', 'mine', 'cite', 'search']);

/** "Informe: Vivienda en São Paulo" → "informe-vivienda-en-sao-paulo". */
export function resourceSlugBase(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  if (!base) return 'resource';
  return reservedSlugs.has(base) ? `${base}-resource` : base;
}

function firstFreeSlug(base: string, taken: string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function retryOnSlugClash<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
      const constraint = e.code === '23505' ? e.constraint : e.cause?.code === '23505' ? e.cause.constraint : undefined;
      if (constraint === 'resources_slug_key' && attempt < 5) continue;
      throw err;
    }
  }
}

/** The columns a create or an edit sets, cleaned and checked beyond what the schema can say. */
async function columnsFrom(tx: Tx, input: ResourceUpdateInput, current?: repo.ResourceRow): Promise<Partial<repo.NewResource>> {
  const fields: FieldError[] = [];
  const values: Partial<repo.NewResource> = {};
  if (input.title !== undefined) values.title = input.title.trim().replace(/\s+/g, ' ');
  if (input.summary !== undefined) {
    const rendered = renderMarkdown(input.summary.trim());
    Object.assign(values, { summary: input.summary.trim(), summaryHtml: rendered.html, summaryText: rendered.text });
  }
  for (const key of ['type', 'themes', 'countries', 'regional', 'languages', 'year', 'publishedOn', 'licence', 'relatedEventIds', 'relatedThreadIds'] as const) {
    if (input[key] !== undefined) Object.assign(values, { [key]: input[key] });
  }
  if (input.authors !== undefined) values.authors = input.authors.map((a) => a.trim().replace(/\s+/g, ' ')).filter(Boolean);
  if (input.externalUrl !== undefined) values.externalUrl = input.externalUrl?.trim() || null;
  if (input.publisherName !== undefined) values.publisherName = input.publisherName?.trim() || null;
  if (input.publisherOrganisation !== undefined) {
    if (input.publisherOrganisation === null) values.publisherOrganisationId = null;
    else {
      const organisation = await repo.approvedOrganisationBySlug(tx, input.publisherOrganisation);
      if (!organisation) fields.push({ field: 'body.publisherOrganisation', code: 'unknown', message: 'is not a member organisation' });
      else values.publisherOrganisationId = organisation.id;
    }
  }
  const year = values.year ?? current?.year;
  if (year !== undefined && year > new Date().getUTCFullYear() + 1) {
    fields.push({ field: 'body.year', code: 'in_future', message: 'cannot be after next year' });
  }
  const publishedOn = values.publishedOn ?? null;
  if (publishedOn && (Number.isNaN(Date.parse(publishedOn)) || (year !== undefined && Number(publishedOn.slice(0, 4)) !== year))) {
    fields.push({ field: 'body.publishedOn', code: 'year_mismatch', message: 'must be a real date in the publication year' });
  }
  const regional = values.regional ?? current?.regional ?? false;
  const countries = values.countries ?? current?.countries ?? [];
  if (!regional && countries.length === 0) {
    fields.push({ field: 'body.countries', code: 'required', message: 'name at least one country, or mark the resource as regional' });
  }
  if (fields.length > 0) throw invalid(fields);
  return values;
}

async function authorizedForChange(tx: Tx, actor: Actor | null, id: string, action: 'edit' | 'submit' | 'delete') {
  const row = await repo.findResourceById(tx, id, { lock: true });
  authorizeResource(actor, action, row);
  return row;
}

/** A member starts a contribution: a draft only they (and coordinators) can see. */
export async function createResource(hub: LibraryHub, actor: Actor | null, input: ResourceCreateInput): Promise<ResourceView> {
  requireActor(actor);
  return retryOnSlugClash(() =>
    hub.db.transaction(async (tx) => {
      const values = await columnsFrom(tx, input);
      const base = resourceSlugBase(input.title);
      const row = await repo.insertResource(tx, {
        ...values,
        title: values.title!,
        summary: values.summary!,
        summaryHtml: values.summaryHtml!,
        summaryText: values.summaryText!,
        type: input.type,
        languages: input.languages,
        year: input.year,
        licence: input.licence,
        slug: firstFreeSlug(base, await repo.slugsLike(tx, base)),
        status: 'draft',
        submitterId: actor.id
      });
      await afterChange(hub, tx, row);
      return viewOf(tx, actor, row);
    })
  );
}

/** Edits a resource; a published one stays published and the index follows. */
export async function updateResource(hub: LibraryHub, actor: Actor | null, id: string, input: ResourceUpdateInput): Promise<ResourceView> {
  return hub.db.transaction(async (tx) => {
    const current = await authorizedForChange(tx, actor, id, 'edit');
    const row = await repo.updateResource(tx, id, await columnsFrom(tx, input, current));
    await afterChange(hub, tx, row);
    return viewOf(tx, actor, row);
  });
}

/** Sends a draft, or a resource with changes requested, to the coordinators' queue. */
export async function submitResource(hub: LibraryHub, actor: Actor | null, id: string): Promise<ResourceView> {
  return hub.db.transaction(async (tx) => {
    const current = await authorizedForChange(tx, actor, id, 'submit');
    if (current.status !== 'draft' && current.status !== 'changes_requested') {
      throw new AppError(409, 'invalid_resource_status', 'Only a draft or a resource with changes requested can be submitted.');
    }
    const row = await repo.updateResource(tx, id, { status: 'pending', reviewNote: null, submittedAt: new Date() });
    await afterChange(hub, tx, row, current.status);
    return viewOf(tx, actor, row);
  });
}

/** Deletes a resource and its files (the submitter until it is published; coordinators always). */
export async function deleteResource(hub: LibraryHub, actor: Actor | null, id: string): Promise<void> {
  const keys = await hub.db.transaction(async (tx) => {
    const current = await authorizedForChange(tx, actor, id, 'delete');
    const files = await repo.filesOf(tx, [id]);
    await repo.deleteResource(tx, id);
    // The loader finds nothing for a deleted id, so the outbox row removes the document.
    await hub.search.enqueue(tx, RESOURCES_INDEX, id, 'delete');
    await afterChange(hub, tx, { id, status: 'draft' }, current.status);
    return [...files.map((f) => f.storageKey), ...(current.coverKey ? [current.coverKey] : [])];
  });
  // After the commit: a rolled-back delete keeps its files.
  for (const key of keys) await hub.files.delete(key).catch(() => undefined);
}

/**
 * Adds a file (or a new version of one, kept beside the earlier versions). The bytes
 * are checked before anything is stored; text extraction and the cover follow in a job.
 */
export async function uploadFile(
  hub: LibraryHub,
  actor: Actor | null,
  id: string,
  upload: { filename: string; bytes: Buffer },
  replaces?: string
) {
  const kind = checkFile(upload.filename, upload.bytes);
  const key = `resources/${id}/${randomBytes(12).toString('hex')}.${fileKinds[kind].extension}`;
  let stored = false;
  try {
    return await hub.db.transaction(async (tx) => {
      const resource = await authorizedForChange(tx, actor, id, 'edit');
      let lineageId: string | undefined;
      let version = 1;
      if (replaces) {
        const earlier = await repo.findFile(tx, resource.id, replaces);
        if (!earlier || earlier.supersededAt) throw notFound('No such current file on this resource.');
        await repo.supersedeFile(tx, earlier.id);
        lineageId = earlier.lineageId;
        version = earlier.version + 1;
      }
      const fileId = crypto.randomUUID();
      await hub.files.put(key, upload.bytes);
      stored = true;
      const file = await repo.insertFile(tx, {
        id: fileId,
        resourceId: resource.id,
        lineageId: lineageId ?? fileId,
        version,
        storageKey: key,
        filename: cleanFilename(upload.filename, kind),
        kind,
        mediaType: fileKinds[kind].mediaType,
        bytes: upload.bytes.length,
        sha256: createHash('sha256').update(upload.bytes).digest('hex'),
        extraction: extractsText(kind) ? 'pending' : 'none',
        uploadedBy: actor!.id
      });
      await repo.updateResource(tx, resource.id, {});
      if (hub.jobs && (extractsText(kind) || kind === 'png' || kind === 'jpeg' || kind === 'webp')) {
        await hub.jobs.enqueue(tx, LIBRARY_EXTRACT, { fileId: file.id });
      }
      await afterChange(hub, tx, resource);
      return { file, slug: resource.slug };
    });
  } catch (err) {
    if (stored) await hub.files.delete(key).catch(() => undefined);
    throw err;
  }
}

/**
 * Removes a file. On a resource that was ever published it is kept as an earlier
 * version (readers may have cited it); before that it is deleted outright.
 */
export async function removeFile(hub: LibraryHub, actor: Actor | null, id: string, fileId: string): Promise<void> {
  const deletedKey = await hub.db.transaction(async (tx) => {
    const resource = await authorizedForChange(tx, actor, id, 'edit');
    const file = await repo.findFile(tx, resource.id, fileId);
    if (!file || file.supersededAt) throw notFound('No such current file on this resource.');
    await repo.updateResource(tx, resource.id, {});
    await afterChange(hub, tx, resource);
    if (resource.publishedAt) {
      await repo.supersedeFile(tx, file.id);
      return undefined;
    }
    await repo.deleteFile(tx, file.id);
    return file.storageKey;
  });
  if (deletedKey) await hub.files.delete(deletedKey).catch(() => undefined);
}


/** Refuses, before an upload is read, a person who may not add files to this resource. */
export async function assertCanEdit(hub: LibraryHub, actor: Actor | null, id: string): Promise<void> {
  authorizeResource(actor, 'edit', await repo.findResourceById(hub.db, id));
}
