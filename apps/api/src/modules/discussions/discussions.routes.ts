import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { POST_IMAGE_MAX_BYTES, discussionsContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import { badRequest, notFound } from '../../http/errors';
import { route } from '../../http/route';
import type { PostImageWidth } from './discussions.image-info';
import { assertMayUploadImage, imageTooLarge, readPostImage, uploadPostImage } from './discussions.images';
import * as moderation from './discussions.moderation.service';
import * as posts from './discussions.posts.service';
import { searchThreads } from './discussions.search';
import * as threads from './discussions.threads.service';

const contract = discussionsContract.routes;

/** Room for the multipart framing around an image of the largest size. */
const FRAMING_BYTES = 64 * 1024;

export const discussionsRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  // Scoped to this plugin: one image of at most 5 MB and nothing else, refused as the
  // limit is crossed rather than once the whole body has arrived.
  await app.register(multipart, { limits: { fileSize: POST_IMAGE_MAX_BYTES, files: 1, fields: 0, parts: 1 }, throwFileSizeLimit: true });
  // A declared length that cannot fit is refused before a byte of the body is read.
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST' || !request.url.startsWith('/api/images')) return;
    if (Number(request.headers['content-length'] ?? 0) > POST_IMAGE_MAX_BYTES + FRAMING_BYTES) throw imageTooLarge();
  });

  // ------------------------------------------------------------ reading
  route(app, contract.listThreads, async (request) => threads.listThreads(hub, request.actor, request.query));
  route(app, contract.searchThreads, async (request) => searchThreads(hub, request.query));
  route(app, contract.getThread, async (request) => threads.getThreadPage(hub, request.actor, request.params.id, request.query.page));
  route(app, contract.listPostRevisions, async (request) => threads.listRevisions(hub, request.actor, request.params.id));

  // ------------------------------------------------------------ writing
  route(app, contract.createThread, async (request) => ({ thread: await threads.createThread(hub, request.actor, request.body) }));
  route(app, contract.updateThread, async (request) => ({
    thread: await threads.updateThread(hub, request.actor, request.params.id, request.body)
  }));
  route(app, contract.replyToThread, async (request) => ({ post: await posts.reply(hub, request.actor, request.params.id, request.body) }));
  route(app, contract.editPost, async (request) => ({ post: await posts.editPost(hub, request.actor, request.params.id, request.body.body) }));
  route(app, contract.deletePost, async (request) => {
    await posts.deletePost(hub, request.actor, request.params.id);
    return null;
  });
  route(app, contract.acceptAnswer, async (request) => posts.acceptAnswer(hub, request.actor, request.params.id, request.body.postId));
  route(app, contract.reactToPost, async (request) => posts.react(hub, request.actor, request.params.id, true));
  route(app, contract.unreactToPost, async (request) => posts.react(hub, request.actor, request.params.id, false));
  route(app, contract.followThread, async (request) => posts.follow(hub, request.actor, request.params.id, request.body.level));
  route(app, contract.flagPost, async (request) => moderation.flagPost(hub, request.actor, request.params.id, request.body));

  route(app, contract.myWatchedThemes, async (request) => threads.myWatchedThemes(hub, request.actor));
  route(app, contract.setMyWatchedThemes, async (request) => threads.setMyWatchedThemes(hub, request.actor, request.body.themes));
  route(app, contract.previewPost, async (request) => threads.previewPost(hub, request.actor, request.body.body));

  // ------------------------------------------------------------ images
  route(app, contract.uploadPostImage, async (request, reply) => {
    // Who may upload is known before the body is read.
    assertMayUploadImage(request.actor);
    const image = await uploadPostImage(hub, request.actor, await readImageUpload(request));
    return reply.code(201).send(image);
  });
  route(app, contract.getPostImage, async (request, reply) => {
    const width = Number.parseInt(request.params.file, 10) as PostImageWidth;
    const bytes = await readPostImage(hub.files, request.params.id, width);
    if (!bytes) throw notFound('No such image.');
    // An address never shows anything else (a new upload has a new id), so it is cached for a year.
    return reply
      .header('content-type', 'image/webp')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-disposition', 'inline')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(bytes);
  });

  // ------------------------------------------------------------ coordinators
  route(app, contract.listFlaggedPosts, async (request) => moderation.listFlags(hub, request.actor));
  route(app, contract.moderatePost, async (request) => ({
    post: await moderation.moderatePost(hub, request.actor, request.params.id, request.body.action, request.body.reason)
  }));
  route(app, contract.moderateThread, async (request) => {
    await moderation.moderateThread(hub, request.actor, request.params.id, request.body.action, request.body.theme);
    return { thread: await threads.cardFor(hub, request.actor, request.params.id) };
  });
};

async function readImageUpload(request: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  const missing = () => badRequest('validation_failed', 'Send the image in the field `image`.', [{ field: 'image', code: 'required', message: 'send one file in the field `image`' }]);
  if (!request.isMultipart()) throw missing();
  try {
    let upload: { bytes: Buffer; filename: string } | undefined;
    for await (const part of request.parts()) {
      if (upload || part.type !== 'file' || part.fieldname !== 'image') throw missing();
      upload = { bytes: await part.toBuffer(), filename: part.filename };
    }
    if (!upload) throw missing();
    return upload;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw imageTooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw missing();
    throw err;
  }
}
