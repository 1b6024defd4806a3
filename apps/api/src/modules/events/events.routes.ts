import type { FastifyPluginAsync } from 'fastify';
import { eventsContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import { route } from '../../http/route';
import * as attendees from './events.attendees.service';
import * as calendar from './events.calendar.service';
import * as listing from './events.listing.service';
import * as manage from './events.manage.service';
import * as registration from './events.registration.service';
import { toEvent, toEventCard, toMyRegistration } from './events.mapper';
import * as repo from './events.repo';

const contract = eventsContract.routes;

export const eventsRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
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
  route(app, contract.submitEvent, async (request) => organiserView(await manage.submitEvent(hub, request.actor, request.params.id)));
  route(app, contract.publishEvent, async (request) => organiserView(await manage.publishEvent(hub, request.actor, request.params.id)));
  route(app, contract.cancelEvent, async (request) =>
    organiserView(await manage.cancelEvent(hub, request.actor, request.params.id, request.body?.reason))
  );

  route(app, contract.registerForEvent, async (request, reply) => {
    const result = await registration.register(hub, request.actor, request.params.id, request.body);
    reply.code(201);
    const hosts = (await repo.hostsOf(hub.db, [result.event.id])).get(result.event.id) ?? [];
    return { registration: toMyRegistration(result.registration, result.position), event: toEventCard(result.event, hosts) };
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
