import type { Attendee, AttendeeList, RegistrationStatus } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import { conflict, notFound } from '../../http/errors';
import type { Hub } from '../../hub';
import { authorized } from './events.access';
import { afterChange, queueMails, type EventsHub } from './events.changes';
import * as repo from './events.repo';

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Confirmed, waitlisted (in order, with positions) and cancelled registrations, with answers: organisers only. */
export async function listAttendees(
  hub: Pick<Hub, 'db'>,
  actor: Actor | null,
  id: string,
  query: { q?: string; status?: RegistrationStatus }
): Promise<AttendeeList & { event: repo.EventRow }> {
  const { event } = await authorized(hub.db, actor, id, 'manageAttendees', { lock: false });
  const rows = await repo.registrationsOf(hub.db, id);
  const orgs = await repo.organisationsOfPeople(hub.db, rows.map((r) => r.user.id));
  let position = 0;
  const all: Attendee[] = rows.map(({ registration: r, user }) => ({
    registrationId: r.id,
    userId: user.id,
    name: user.name,
    email: user.email,
    country: user.country,
    organisations: orgs.get(user.id) ?? [],
    status: r.status,
    waitlistPosition: r.status === 'waitlisted' ? ++position : null,
    answers: r.answers,
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString()
  }));
  const counts = {
    confirmed: all.filter((a) => a.status === 'confirmed').length,
    waitlisted: all.filter((a) => a.status === 'waitlisted').length,
    cancelled: all.filter((a) => a.status === 'cancelled').length,
    checkedIn: all.filter((a) => a.checkedInAt).length
  };
  const q = query.q ? fold(query.q.trim()) : '';
  const items = all.filter((a) => (!query.status || a.status === query.status) && (!q || fold(a.name).includes(q) || fold(a.email).includes(q)));
  return { items, counts, event };
}

const csvCell = (value: string) => {
  // A cell starting with = + - @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export async function attendeesCsv(hub: Pick<Hub, 'db'>, actor: Actor | null, id: string): Promise<string> {
  const { items, event } = await listAttendees(hub, actor, id, {});
  const questions = event.questions;
  const header = ['name', 'email', 'country', 'organisations', 'status', 'waitlist_position', 'checked_in_at', 'registered_at', ...questions.map((q) => q.label)];
  const lines = [header, ...items.map((a) => [
    a.name,
    a.email,
    a.country ?? '',
    a.organisations.join('; '),
    a.status,
    a.waitlistPosition?.toString() ?? '',
    a.checkedInAt ?? '',
    a.createdAt,
    ...questions.map((q) => a.answers[q.id] ?? '')
  ])];
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Marks a confirmed attendee as there (or not); the check-in page's counts follow live. */
export async function checkIn(hub: EventsHub, actor: Actor | null, id: string, registrationId: string, attended: boolean) {
  return hub.db.transaction(async (tx) => {
    await authorized(tx, actor, id, 'manageAttendees', { lock: false });
    const registration = await repo.findRegistrationById(tx, id, registrationId);
    if (!registration) throw notFound('No such registration.');
    const row = await repo.setCheckIn(tx, registrationId, attended ? (registration.checkedInAt ?? new Date()) : null);
    if (!row) throw conflict('not_registered', 'Only confirmed attendees can be checked in.');
    await afterChange(hub, tx, id, 'seats');
    return { checkedInAt: row.checkedInAt?.toISOString() ?? null, checkedIn: await repo.checkedInCount(tx, id) };
  });
}

/** One mail per confirmed attendee, each a job in one transaction. */
export async function messageAttendees(hub: EventsHub, actor: Actor | null, id: string, message: { subject: string; body: string }) {
  return hub.db.transaction(async (tx) => {
    const { event } = await authorized(tx, actor, id, 'manageAttendees', { lock: false });
    const confirmed = await repo.registrationsOf(tx, id, 'confirmed');
    const link = `${hub.config.publicOrigin}/events/${id}`;
    await queueMails(
      hub,
      tx,
      confirmed.map(({ user }) => ({
        to: user.email,
        subject: `${event.title}: ${message.subject}`,
        text: `${message.body}\n\n— ${event.title}\n${link}`,
        kind: 'event.message'
      }))
    );
    return { recipients: confirmed.length };
  });
}

/** After the event: how many came, per country and per organisation (a person in two organisations counts in both). */
export async function attendanceFigures(hub: Pick<Hub, 'db'>, actor: Actor | null, id: string) {
  const { items } = await listAttendees(hub, actor, id, { status: 'confirmed' });
  const tally = <K extends string | null>(keysOf: (a: Attendee) => K[]) => {
    const map = new Map<K, { confirmed: number; attended: number }>();
    for (const a of items) {
      for (const key of keysOf(a)) {
        const entry = map.get(key) ?? { confirmed: 0, attended: 0 };
        entry.confirmed++;
        if (a.checkedInAt) entry.attended++;
        map.set(key, entry);
      }
    }
    return [...map.entries()].sort((x, y) => y[1].attended - x[1].attended || y[1].confirmed - x[1].confirmed);
  };
  return {
    confirmed: items.length,
    attended: items.filter((a) => a.checkedInAt).length,
    byCountry: tally((a) => [a.country]).map(([country, n]) => ({ country, ...n })),
    byOrganisation: tally((a) => (a.organisations.length ? a.organisations : [null])).map(([organisation, n]) => ({ organisation, ...n }))
  };
}
