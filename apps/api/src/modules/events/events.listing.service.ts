import { meilisearchErrorCode } from '@mutirao/search';
import type { EventList, EventListQueryInput, EventPage, EventStatus, HomeSection, ProfileSection } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import { AppError } from '../../http/errors';
import type { Hub } from '../../hub';
import type { RuntimeHub } from '../../module';
import { authorized, relationTo } from './events.access';
import { followUpOf } from './events.followup.service';
import { toEvent, toEventCard, toMyRegistration } from './events.mapper';
import { canEvent } from './events.policy';
import * as repo from './events.repo';
import { speakersFor } from './events.speakers.service';
import * as speakerRepo from './events.speakers.repo';
import { EVENTS_INDEX } from './events.search';

/** The event page: the event (the online link only for confirmed attendees and organisers) and the viewer's registration. */
export async function getEventPage(hub: Pick<Hub, 'db'>, actor: Actor | null, id: string, now = new Date()): Promise<EventPage> {
  return hub.db.transaction(async (tx) => {
    const { event } = await authorized(tx, actor, id, 'view', { lock: false });
    const relation = await relationTo(tx, actor, event.id);
    const registration = actor ? await repo.findRegistration(tx, id, actor.id) : undefined;
    const active = registration && registration.status !== 'cancelled' ? registration : undefined;
    const organiser = canEvent(actor, 'manageAttendees', event, relation);
    const hosts = (await repo.hostsOf(tx, [id])).get(id) ?? [];
    const closesAt = event.registrationClosesAt ?? event.endsAt;
    return {
      event: toEvent(event, hosts, { withOnlineUrl: organiser || active?.status === 'confirmed' }),
      viewer: {
        canEdit: !!actor && canEvent(actor, 'edit', event, relation) && event.status !== 'cancelled',
        canPublish: !!actor && canEvent(actor, 'publish', event, relation),
        canManageAttendees: !!actor && organiser,
        registrationOpen:
          event.status === 'published' && (!event.registrationOpensAt || now >= event.registrationOpensAt) && now < closesAt,
        registration: registration ? toMyRegistration(registration, await repo.waitlistPosition(tx, registration)) : null
      },
      followUp: await followUpOf(tx, event),
      speakers: await speakersFor(tx, actor, id)
    };
  });
}

/** Whether this person may follow `event:<id>`: whoever may see the event. */
export async function canFollow(hub: RuntimeHub, actor: Actor | null, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const event = await repo.findEvent(hub.db, id);
  if (!event) return false;
  const relation = { hostAdmin: !!actor && (await repo.isHostAdmin(hub.db, id, actor.id)) };
  return canEvent(actor, 'view', event, relation);
}

async function searchIds(hub: Pick<Hub, 'search' | 'log'>, q: string): Promise<string[]> {
  try {
    const result = await hub.search.client.index(hub.search.indexName(EVENTS_INDEX)).search(q, { limit: 1000, attributesToRetrieve: ['id'] });
    return result.hits.map((hit) => String(hit.id));
  } catch (err) {
    if (meilisearchErrorCode(err) === 'index_not_found') return [];
    hub.log?.error({ err }, 'event search failed');
    throw new AppError(503, 'search_unavailable', 'Event search is not available right now. Try again in a moment.');
  }
}

/**
 * Upcoming (soonest first) or past (latest first) events. Words go to the
 * Meilisearch index, which gives the matching ids; the filters and the order
 * are Postgres's, so the seat counts are always current.
 */
export async function listEvents(hub: Pick<Hub, 'db' | 'search' | 'log'>, actor: Actor | null, query: EventListQueryInput, now = new Date()): Promise<EventList> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let statuses: EventStatus[] = ['published', 'cancelled'];
  if (query.status) statuses = isStaff(actor) || query.status === 'published' || query.status === 'cancelled' ? [query.status] : [];
  const q = query.q?.trim();
  const ids = q ? await searchIds(hub, q) : undefined;
  let monthStart: Date | undefined;
  let monthEnd: Date | undefined;
  if (query.month) {
    const [y, m] = query.month.split('-').map(Number);
    monthStart = new Date(Date.UTC(y, m - 1, 1));
    monthEnd = new Date(Date.UTC(y, m, 1));
  }
  const when = query.month ? undefined : (query.when ?? 'upcoming');
  const { rows, total } = await repo.listEvents(
    hub.db,
    { statuses, when, now, country: query.country, city: query.city, format: query.format, theme: query.theme, language: query.language, organisationSlug: query.organisation, monthStart, monthEnd, ids },
    page,
    pageSize
  );
  const hosts = await repo.hostsOf(hub.db, rows.map((r) => r.id));
  return { items: rows.map((row) => toEventCard(row, hosts.get(row.id) ?? [])), total, page, pageSize };
}

const LIMIT = 5;

/** The signed-in home: my registrations, events in my country and themes, and (coordinators) events to publish. */
export async function homeSections(hub: Hub, actor: Actor, now = new Date()): Promise<HomeSection[]> {
  const sections: HomeSection[] = [];
  const mine = await repo.myUpcomingRegistrations(hub.db, actor.id, now, LIMIT);
  sections.push({
    key: 'myRegistrations',
    total: mine.total,
    href: '/events',
    items: mine.rows.map(({ event, registration }) => ({
      title: event.title,
      href: `/events/${event.id}`,
      detail: [event.city, registration.status === 'waitlisted' ? 'waitlist' : null].filter(Boolean).join(' · ') || undefined,
      at: event.startsAt.toISOString()
    }))
  });
  const me = await repo.userThemesAndCountry(hub.db, actor.id);
  const forMe = await repo.eventsMatching(hub.db, [], me ? [me.country] : [], now, LIMIT);
  sections.push({
    key: 'eventsForMe',
    total: forMe.total,
    href: me ? `/events?country=${me.country}` : '/events',
    items: forMe.rows.map((event) => ({
      title: event.title,
      href: `/events/${event.id}`,
      detail: event.city ?? undefined,
      at: event.startsAt.toISOString(),
      ...(event.capacity !== null && { count: Math.max(0, event.capacity - event.confirmedCount) })
    }))
  });
  if (isStaff(actor)) {
    const waiting = await repo.listEvents(hub.db, { statuses: ['submitted'], now }, 1, LIMIT);
    sections.push({
      key: 'eventsToPublish',
      total: waiting.total,
      href: '/events?status=submitted',
      items: waiting.rows.map((event) => ({ title: event.title, href: `/events/${event.id}`, at: event.startsAt.toISOString() }))
    });
  }
  return sections;
}

/**
 * A person's profile: the published events they created or that their organisations
 * host, and those they speak at (upcoming soonest first, then past latest first; the
 * talk's title as the detail). The profile itself is already checked visible.
 */
export async function profileSections(hub: Hub, _viewer: Actor | null, personId: string, now = new Date()): Promise<ProfileSection[]> {
  const [hosted, upcoming, past] = await Promise.all([
    repo.eventsHostedBy(hub.db, personId, ['published'], LIMIT),
    speakerRepo.eventsSpokenBy(hub.db, personId, 'upcoming', now, LIMIT),
    speakerRepo.eventsSpokenBy(hub.db, personId, 'past', now, LIMIT)
  ]);
  const speaking = [...upcoming.rows, ...past.rows].slice(0, LIMIT * 2);
  return [
    {
      key: 'eventsHosted',
      total: hosted.total,
      items: hosted.rows.map((event) => ({ title: event.title, href: `/events/${event.id}`, detail: event.city ?? undefined, at: event.startsAt.toISOString() }))
    },
    {
      key: 'eventsSpeaking',
      total: upcoming.total + past.total,
      items: speaking.map(({ event, talkTitle }) => ({
        title: event.title,
        href: `/events/${event.id}`,
        detail: [talkTitle, event.city].filter(Boolean).join(' · ') || undefined,
        at: event.startsAt.toISOString()
      }))
    }
  ];
}
