import type { EventFormat, EventStatus, RegistrationStatus } from '@mutirao/shared/schemas/events';
import type { Locale } from '@mutirao/shared/locales';
import { intlLocale } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { dateTimeFormat } from '$lib/i18n/intl-cache';

const formatLabels: Record<EventFormat, () => string> = {
  in_person: m.events_format_in_person,
  online: m.events_format_online,
  hybrid: m.events_format_hybrid
};
const statusLabels: Record<EventStatus, () => string> = {
  draft: m.events_status_draft,
  submitted: m.events_status_submitted,
  published: m.events_status_published,
  cancelled: m.events_status_cancelled
};
const registrationLabels: Record<RegistrationStatus, () => string> = {
  confirmed: m.events_registration_confirmed,
  waitlisted: m.events_registration_waitlisted,
  cancelled: m.events_registration_cancelled
};

export const formatLabel = (format: EventFormat) => formatLabels[format]();
export const statusLabel = (status: EventStatus) => statusLabels[status]();
export const registrationLabel = (status: RegistrationStatus) => registrationLabels[status]();

/** "martes, 15 de julio de 2027, 10:00 GMT-4": the instant in a zone, in the reader's language. */
export function eventTime(iso: string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short'
  }).format(new Date(iso));
}

/**
 * A short form for cards: "15 jul, 10:00 GMT-3". The zone is named because a reader may
 * not be in it: without JavaScript (no `tz` cookie yet) dates are in UTC.
 */
export function eventShortTime(iso: string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(
    new Date(iso)
  );
}

interface CalendarEvent {
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName: string | null;
  city: string | null;
}

const compact = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
const place = (e: CalendarEvent) => [e.venueName, e.city].filter(Boolean).join(', ');

/** "Add to Google Calendar": its public template link, with the event's page in the details. */
export function googleCalendarLink(event: CalendarEvent, pageUrl: string): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${compact(event.startsAt)}/${compact(event.endsAt)}`,
    ctz: event.timeZone,
    details: pageUrl,
    location: place(event)
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

/** "Add to Outlook": Outlook on the web's compose link. */
export function outlookCalendarLink(event: CalendarEvent, pageUrl: string): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: event.title,
    startdt: event.startsAt,
    enddt: event.endsAt,
    body: pageUrl,
    location: place(event)
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}

/** The weeks of a month (Monday first), each day with its ISO date, for the calendar view. */
export function monthGrid(month: string): Array<Array<{ date: string; inMonth: boolean }>> {
  const [y, mo] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, mo - 1, 1));
  const start = new Date(first);
  start.setUTCDate(1 - ((first.getUTCDay() + 6) % 7));
  const weeks: Array<Array<{ date: string; inMonth: boolean }>> = [];
  const day = new Date(start);
  do {
    const week: Array<{ date: string; inMonth: boolean }> = [];
    for (let i = 0; i < 7; i++) {
      week.push({ date: day.toISOString().slice(0, 10), inMonth: day.getUTCMonth() === mo - 1 });
      day.setUTCDate(day.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (day.getUTCMonth() === mo - 1);
  return weeks;
}

/** The month before or after `YYYY-MM`. */
export function shiftMonth(month: string, by: number): string {
  const [y, mo] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y, mo - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/** The date (YYYY-MM-DD) of an instant in a zone. */
export function dayIn(iso: string, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** The listing's address with its filters and view, some changed (tabs, months, pages). */
export function listingHref(
  state: { filters: Record<string, string>; view: string; month: string; when: string },
  changes: Record<string, string | null>
): string {
  const params = new URLSearchParams(state.filters);
  if (state.view === 'calendar') params.set('view', 'calendar');
  if (state.month) params.set('month', state.month);
  else params.set('when', state.when);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  return `/events?${params}`;
}

/** Events by the day they start on, in the reader's zone. */
export function groupByDay<T extends { startsAt: string }>(events: T[], timeZone: string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const event of events) {
    const day = dayIn(event.startsAt, timeZone);
    map.set(day, [...(map.get(day) ?? []), event]);
  }
  return map;
}
