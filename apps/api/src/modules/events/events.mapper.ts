import type { Event, EventCard, MyRegistration } from '@mutirao/shared';
import type { EventRow, HostRef, RegistrationRow } from './events.repo';
import { normaliseLocal } from './events.time';

/** The cover's address; its `v` changes with the file, so it may be cached long. */
export const coverUrl = (row: Pick<EventRow, 'id' | 'coverKey'>) => (row.coverKey ? `/api/events/${row.id}/cover?v=${row.coverKey.split('-').pop()}` : null);

const seatsLeft = (row: EventRow) => (row.capacity === null ? null : Math.max(0, row.capacity - row.confirmedCount));

/** The fields that leave the server. The online link only for those who may join it. */
export function toEvent(row: EventRow, hosts: HostRef[], options: { withOnlineUrl: boolean }): Event {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    descriptionHtml: row.descriptionHtml,
    format: row.format,
    status: row.status,
    venueName: row.venueName,
    venueAddress: row.venueAddress,
    city: row.city,
    country: row.country,
    latitude: row.latitude,
    longitude: row.longitude,
    onlineUrl: options.withOnlineUrl ? row.onlineUrl : null,
    timeZone: row.timeZone,
    startsLocal: normaliseLocal(row.startsLocal),
    endsLocal: normaliseLocal(row.endsLocal),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    languages: row.languages,
    themes: row.themes,
    hosts,
    capacity: row.capacity,
    confirmedCount: row.confirmedCount,
    waitlistCount: row.waitlistCount,
    seatsLeft: seatsLeft(row),
    registrationOpensAt: row.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: row.registrationClosesAt?.toISOString() ?? null,
    reminderMinutes: row.reminderMinutes,
    questions: row.questions,
    coverUrl: coverUrl(row),
    sequence: row.sequence,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString()
  };
}

export function toEventCard(row: EventRow, hosts: HostRef[]): EventCard {
  return {
    id: row.id,
    title: row.title,
    format: row.format,
    status: row.status,
    city: row.city,
    country: row.country,
    timeZone: row.timeZone,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    startsLocal: normaliseLocal(row.startsLocal),
    languages: row.languages,
    themes: row.themes,
    hosts,
    capacity: row.capacity,
    seatsLeft: seatsLeft(row),
    waitlistCount: row.waitlistCount,
    coverUrl: coverUrl(row)
  };
}

export function toMyRegistration(row: RegistrationRow, waitlistPosition: number | null): MyRegistration {
  return {
    id: row.id,
    status: row.status,
    waitlistPosition,
    answers: row.answers,
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString()
  };
}
