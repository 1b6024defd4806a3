import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { EVENT_COVER_MAX_BYTES, eventsContract } from '@mutirao/shared';
import { badRequest } from '../../http/errors';
import { coverTooLarge, DEFAULT_COVER_WIDTH } from './events.cover';
import type { Hub } from '../../hub';
import { route } from '../../http/route';
import * as attendees from './events.attendees.service';
import * as calendar from './events.calendar.service';
import * as followUp from './events.followup.service';
import * as listing from './events.listing.service';
import * as manage from './events.manage.service';
import * as registration from './events.registration.service';
import * as speakers from './events.speakers.service';
import { toEvent, toEventCard, toMyRegistration } from './events.mapper';
import * as repo from './events.repo';

const contract = eventsContract.routes;

export const eventsRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  // Scoped to this plugin: only the cover route reads multipart bodies. One file, 3 MB.
  await app.register(multipart, { limits: { fileSize: EVENT_COVER_MAX_BYTES, files: 1, fields: 0, parts: 2 }, throwFileSizeLimit: true });

  /** Organisers see the whole event, online link included. */
  const organiserView = async (row: repo.EventRow) => ({
    event: toEvent(row, (await repo.hostsOf(hub.db, [row.id])).get(row.id) ?? [], { withOnlineUrl: true })
  });

  route(app, contract.listEvents, async (request) => listing.listEvents(hub, request.actor, request.query));
  route(app, contract.getEvent, async (request) => listing.getEventPage(hub, request.actor, request.params.id));

  route(app, contract.createEvent, async (request, reply) => {
    reply.code(201);
    return organiserView(await manage.createEvent(hub, request.actor, request.body));
  });
  route(app, contract.updateEvent, async (request) => organiserView(await manage.updateEvent(hub, request.actor, request.params.id, request.body)));
  route(app, contract.setEventFollowUp, async (request) => ({
    followUp: await followUp.setFollowUp(hub, request.actor, request.params.id, request.body.threadId)
  }));
  route(app, contract.setEventSpeakers, async (request) => ({
    speakers: await speakers.setSpeakers(hub, request.actor, request.params.id, request.body)
  }));
  route(app, contract.submitEvent, async (request) => organiserView(await manage.submitEvent(hub, request.actor, request.params.id)));
  route(app, contract.publishEvent, async (request) => organiserView(await manage.publishEvent(hub, request.actor, request.params.id)));
  route(app, contract.cancelEvent, async (request) =>
    organiserView(await manage.cancelEvent(hub, request.actor, request.params.id, request.body?.reason))
  );

  route(app, contract.getEventCover, async (request, reply) => {
    const cover = await manage.getCover(hub, request.actor, request.params.id, request.query.size ?? DEFAULT_COVER_WIDTH);
    return reply
      .header('content-type', 'image/webp')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', cover.public ? 'public, max-age=86400' : 'private, no-cache')
      .header('content-disposition', 'inline')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(cover.bytes);
  });
  route(app, contract.uploadEventCover, async (request) => organiserView(await manage.setCover(hub, request.actor, request.params.id, await readCoverUpload(request))));
  route(app, contract.removeEventCover, async (request) => organiserView(await manage.removeCover(hub, request.actor, request.params.id)));

  route(app, contract.registerForEvent, async (request, reply) => {
    const result = await registration.register(hub, request.actor, request.params.id, request.body);
    reply.code(201);
    return { registration: toMyRegistration(result.registration, result.position), event: toEventCard(result.event, result.hosts) };
  });
  route(app, contract.cancelRegistration, async (request) => ({
    registration: toMyRegistration(await registration.cancel(hub, request.actor, request.params.id), null)
  }));

  const calendarReply = (reply: import('fastify').FastifyReply, body: string, filename: string, cache: string) =>
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', cache)
      .send(body);

  route(app, contract.eventIcs, async (request, reply) =>
    calendarReply(reply, await calendar.eventIcs(hub, request.actor, request.params.id), `event-${request.params.id}.ics`, 'no-cache')
  );
  route(app, contract.publicEventsFeed, async (_request, reply) => calendarReply(reply, await calendar.publicFeed(hub), 'mutirao-events.ics', 'public, max-age=300'));
  route(app, contract.personalEventsFeed, async (request, reply) =>
    // The address is the secret: no shared cache may keep it.
    calendarReply(reply, await calendar.personalFeed(hub, request.params.token), 'mutirao-my-events.ics', 'private, no-store')
  );
  route(app, contract.myCalendarFeed, async (request) => calendar.myFeed(hub, request.actor));
  route(app, contract.resetCalendarFeed, async (request) => calendar.resetFeed(hub, request.actor));

  route(app, contract.listAttendees, async (request) => {
    const { items, counts } = await attendees.listAttendees(hub, request.actor, request.params.id, request.query);
    return { items, counts };
  });
  route(app, contract.exportAttendees, async (request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="attendees-${request.params.id}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(await attendees.attendeesCsv(hub, request.actor, request.params.id))
  );
  route(app, contract.checkInAttendee, async (request) =>
    attendees.checkIn(hub, request.actor, request.params.id, request.params.registrationId, request.body.attended)
  );
  route(app, contract.messageAttendees, async (request, reply) => {
    reply.code(202);
    return attendees.messageAttendees(hub, request.actor, request.params.id, request.body);
  });
  route(app, contract.attendanceFigures, async (request) => attendees.attendanceFigures(hub, request.actor, request.params.id));
};

/** The one file in the field `cover`, read to its end; anything else is refused with the field named. */
async function readCoverUpload(request: FastifyRequest): Promise<Buffer> {
  const missing = () => badRequest('validation_failed', 'Send the cover in the field `cover`.', [{ field: 'cover', code: 'required', message: 'send one file in the field `cover`' }]);
  if (!request.isMultipart()) throw missing();
  try {
    let cover: Buffer | undefined;
    for await (const part of request.parts()) {
      if (cover || part.type !== 'file' || part.fieldname !== 'cover') throw missing();
      cover = await part.toBuffer();
    }
    if (!cover) throw missing();
    return cover;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw coverTooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw missing();
    throw err;
  }
}
