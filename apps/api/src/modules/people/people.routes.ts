import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { peopleContract } from '@mutirao/shared';
import { PERSON_PHOTO_MAX_BYTES } from '@mutirao/shared/people';
import { requireActor } from '../../auth/can';
import type { Hub } from '../../hub';
import { badRequest } from '../../http/errors';
import { route } from '../../http/route';
import type { HubModule } from '../../module';
import * as directory from './people.directory.service';
import { toPerson } from './people.mapper';
import { photoTooLarge } from './people.photo';
import * as profiles from './people.profile.service';

const contract = peopleContract.routes;

export const peopleRoutes: FastifyPluginAsync<{ hub: Hub; modules: readonly HubModule[] }> = async (app, { hub, modules }) => {
  // Scoped to this plugin: only the photo route reads multipart bodies. One file, 2 MB.
  await app.register(multipart, {
    limits: { fileSize: PERSON_PHOTO_MAX_BYTES, files: 1, fields: 0, parts: 2 },
    throwFileSizeLimit: true
  });

  route(app, contract.searchPeople, async (request) => directory.searchPeople(hub, request.actor, request.query));

  route(app, contract.getPerson, async (request) => {
    const profile = await profiles.getProfile(hub, modules, request.actor, request.params.id);
    return {
      person: toPerson(profile.row, profile.memberships, { withSource: false }),
      sections: profile.sections,
      viewer: { isSelf: profile.isSelf }
    };
  });

  route(app, contract.getPersonPhoto, async (request, reply) => {
    const photo = await profiles.getPhoto(hub, request.actor, request.params.id, request.query.size);
    reply
      .header('content-type', 'image/webp')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', photo.public ? 'public, max-age=86400' : 'private, no-cache')
      .header('content-disposition', 'inline')
      .header('content-security-policy', "default-src 'none'; sandbox");
    return reply.send(photo.bytes);
  });

  const mine = (result: Awaited<ReturnType<typeof profiles.getMine>>) => ({
    person: toPerson(result.row, result.memberships, { withSource: true })
  });

  route(app, contract.getMyProfile, async (request) => mine(await profiles.getMine(hub, request.actor)));

  route(app, contract.updateMyProfile, async (request) => mine(await profiles.updateMine(hub, request.actor, request.body)));

  route(app, contract.uploadMyPhoto, async (request) => {
    // Visitors are refused before their file is read.
    requireActor(request.actor);
    const bytes = await readPhotoUpload(request);
    return mine(await profiles.setPhoto(hub, request.actor, bytes));
  });

  route(app, contract.removeMyPhoto, async (request) => mine(await profiles.removePhoto(hub, request.actor)));
};

const onlyThePhoto = () =>
  badRequest('validation_failed', 'Send only the photo file.', [{ field: 'photo', code: 'one_file', message: 'send one file and nothing else' }]);
const noPhoto = () =>
  badRequest('validation_failed', 'Send the photo in the field `photo`.', [
    { field: 'photo', code: 'required', message: 'send a file in the field `photo`' }
  ]);

/** The one file of a photo upload, read to the end of the body (as organisation logos are). */
async function readPhotoUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw noPhoto();
  try {
    let photo: Buffer | undefined;
    for await (const part of request.parts()) {
      if (photo || part.type !== 'file') throw onlyThePhoto();
      if (part.fieldname !== 'photo') throw noPhoto();
      photo = await part.toBuffer();
    }
    if (!photo) throw noPhoto();
    return photo;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw onlyThePhoto();
    throw err;
  }
}
