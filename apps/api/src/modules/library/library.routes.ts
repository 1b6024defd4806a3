import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { RESOURCE_FILE_MAX_BYTES, libraryContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import { AppError, badRequest } from '../../http/errors';
import { route } from '../../http/route';
import * as catalogue from './library.catalogue.service';
import { idForSlug } from './library.changes';
import { citationExtensions, citationMediaTypes, citeResource, citeSelection } from './library.citations';
import * as contributions from './library.contributions.service';
import { contentDisposition } from './library.files';
import { toResourceFile } from './library.mapper';
import * as review from './library.review.service';

const contract = libraryContract.routes;

/** Room for the multipart framing around a file of the largest size. */
const FRAMING_BYTES = 64 * 1024;

export const fileTooLarge = () =>
  new AppError(413, 'file_too_large', 'The file is larger than 50 MB.', [{ field: 'file', code: 'too_large', message: 'must be at most 50 MB' }]);

export const libraryRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  // Scoped to this plugin: one file of at most 50 MB and nothing else. Larger files are
  // refused as the limit is crossed, not after the whole body has arrived.
  await app.register(multipart, {
    limits: { fileSize: RESOURCE_FILE_MAX_BYTES, files: 1, fields: 0, parts: 1 },
    throwFileSizeLimit: true
  });
  // A declared length that cannot fit is refused before a byte of the body is read.
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST' || !request.url.includes('/files')) return;
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > RESOURCE_FILE_MAX_BYTES + FRAMING_BYTES) throw fileTooLarge();
  });
  const idOf = (slug: string) => idForSlug(hub, slug);

  route(app, contract.searchLibrary, async (request) => catalogue.searchLibrary(hub, request.query));

  route(app, contract.newestResources, async (request) => catalogue.newestResources(hub, request.query.limit ?? 6));
  route(app, contract.organisationResources, async (request) =>
    catalogue.organisationResources(hub, request.params.slug, request.query.page ?? 1)
  );

  route(app, contract.relatedResources, async (request) => catalogue.relatedResources(hub, request.params.kind, request.params.id));

  route(app, contract.getResource, async (request) => catalogue.getResource(hub, request.actor, request.params.slug));

  route(app, contract.createResource, async (request) => contributions.createResource(hub, request.actor, request.body));

  route(app, contract.updateResource, async (request) =>
    contributions.updateResource(hub, request.actor, await idOf(request.params.slug), request.body)
  );

  route(app, contract.deleteResource, async (request) => {
    await contributions.deleteResource(hub, request.actor, await idOf(request.params.slug));
    return null;
  });

  route(app, contract.uploadResourceFile, async (request) => {
    const id = await idOf(request.params.slug);
    // Rights first, so a refused person's upload is never read.
    await contributions.assertCanEdit(hub, request.actor, id);
    const upload = await readFileUpload(request);
    const { file, slug } = await contributions.uploadFile(hub, request.actor, id, upload, request.query.replaces);
    return { file: toResourceFile(slug, file) };
  });

  route(app, contract.removeResourceFile, async (request) => {
    await contributions.removeFile(hub, request.actor, await idOf(request.params.slug), request.params.fileId);
    return null;
  });

  route(app, contract.downloadResourceFile, async (request, reply) => {
    const file = await catalogue.downloadFile(hub, request.actor, request.params.slug, request.params.fileId);
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', contentDisposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      // Opened directly, it still may not run or fetch anything on this origin.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', file.public ? 'public, max-age=300' : 'private, no-store')
      .send(file.bytes);
  });

  route(app, contract.getResourceCover, async (request, reply) => {
    const cover = await catalogue.getCover(hub, request.actor, request.params.slug);
    return reply
      .header('content-type', 'image/webp')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', cover.public ? 'public, max-age=86400' : 'private, no-cache')
      .send(cover.bytes);
  });

  route(app, contract.submitResource, async (request) =>
    contributions.submitResource(hub, request.actor, await idOf(request.params.slug))
  );

  route(app, contract.publishResource, async (request) => review.decide(hub, request.actor, await idOf(request.params.slug), 'publish'));
  route(app, contract.requestResourceChanges, async (request) =>
    review.decide(hub, request.actor, await idOf(request.params.slug), 'request_changes', request.body.note)
  );
  route(app, contract.rejectResource, async (request) =>
    review.decide(hub, request.actor, await idOf(request.params.slug), 'reject', request.body.note)
  );

  route(app, contract.libraryReviewQueue, async (request) => review.reviewQueue(hub, request.actor, request.query.page ?? 1));
  route(app, contract.mySubmissions, async (request) => catalogue.mySubmissions(hub, request.actor, request.query.page ?? 1));

  route(app, contract.citeResource, async (request, reply) => {
    const format = request.query.format ?? 'bibtex';
    const { text, slug } = await citeResource(hub, request.actor, request.params.slug, format);
    return reply
      .header('content-type', citationMediaTypes[format])
      .header('content-disposition', `inline; filename="${slug}.${citationExtensions[format]}"`)
      .header('x-content-type-options', 'nosniff')
      .send(text);
  });

  route(app, contract.citeResources, async (request, reply) => {
    const format = request.query.format ?? 'bibtex';
    const text = await citeSelection(hub, request.query.slug, format);
    return reply
      .header('content-type', citationMediaTypes[format])
      .header('content-disposition', `inline; filename="citations.${citationExtensions[format]}"`)
      .header('x-content-type-options', 'nosniff')
      .send(text);
  });
};

/**
 * The file's bytes, refused the moment they cross the limit. (The multipart plugin's
 * own toBuffer waits for the truncated part to end, which means reading the rest of
 * an oversize body, however large, before answering.)
 */
async function readWithin(file: AsyncIterable<Buffer> & { truncated?: boolean }, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file) {
    size += chunk.length;
    if (size > max || file.truncated) throw fileTooLarge();
    chunks.push(chunk);
  }
  if (file.truncated) throw fileTooLarge();
  return Buffer.concat(chunks);
}

const fileRequired = () =>
  badRequest('validation_failed', 'Send one file in the field `file`.', [{ field: 'file', code: 'required', message: 'send one file in the field `file`' }]);

/**
 * The one file of an upload, read whole (at most 50 MB). The multipart limits refuse a
 * larger file as soon as it crosses the limit, and a second part as it begins.
 */
async function readFileUpload(request: FastifyRequest): Promise<{ filename: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw fileRequired();
  try {
    let upload: { filename: string; bytes: Buffer } | undefined;
    for await (const part of request.parts()) {
      if (upload || part.type !== 'file' || part.fieldname !== 'file') throw fileRequired();
      upload = { filename: part.filename || 'file', bytes: await readWithin(part.file, RESOURCE_FILE_MAX_BYTES) };
    }
    if (!upload) throw fileRequired();
    return upload;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw fileRequired();
    throw err;
  }
}
