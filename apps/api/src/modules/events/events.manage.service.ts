import type { EventCreateInput, EventUpdateInput } from '@mutirao/shared';
import type { Tx } from '@mutirao/db';
import { isStaff, requireActor, type Actor } from '../../auth/can';
import { AppError, conflict, forbidden, notFound, type FieldError } from '../../http/errors';
import type { Hub } from '../../hub';
import { renderMarkdown } from '../../infra/markdown';
import { notify, wantsMail } from '../notifications/notifications.service';
import { unsubscribable } from '../notifications/unsubscribe';
import { authorized } from './events.access';
import { deleteCover, processCover, readCover, storeCover, type CoverWidth } from './events.cover';
import { afterChange, queueMails, type EventsHub } from './events.changes';
import { eventMail } from './events.mail';
import { promoteWhileSeatsFree } from './events.seats';
import { scheduleReminders } from './events.reminders';
import * as repo from './events.repo';
import { isTimeZone, zonedToInstant } from './events.time';
import { tellNewSpeakers } from './events.speakers.service';

const invalid = (fields: FieldError[]) => new AppError(400, 'validation_failed', 'Some fields are missing or invalid.', fields);
const field = (name: string, code: string, message: string): FieldError => ({ field: `body.${name}`, code, message });

type Merged = EventCreateInput;

/**
 * Checks what the schema cannot: the zone, the order of the times, the
 * registration window against the event, a place for in-person events, options
 * for choice questions. Returns the instants derived from the wall times.
 */
function validate(input: Merged) {
  const errors: FieldError[] = [];
  if (!isTimeZone(input.timeZone)) errors.push(field('timeZone', 'unknown_time_zone', 'is not a known IANA time zone'));
  if (errors.length) throw invalid(errors);
  const startsAt = zonedToInstant(input.startsLocal, input.timeZone);
  const endsAt = zonedToInstant(input.endsLocal, input.timeZone);
  if (endsAt <= startsAt) errors.push(field('endsLocal', 'ends_before_start', 'must be after the start'));
  if (input.format !== 'online') {
    for (const key of ['venueName', 'city', 'country'] as const) {
      if (!input[key]) errors.push(field(key, 'required', 'is needed for an event held in a place'));
    }
  }
  if (input.format === 'online' && !input.onlineUrl) errors.push(field('onlineUrl', 'required', 'is needed for an online event'));
  if ((input.latitude ?? null) === null !== ((input.longitude ?? null) === null)) {
    errors.push(field('longitude', 'coordinates_pair', 'give both latitude and longitude, or neither'));
  }
  const opens = input.registrationOpensAt ? new Date(input.registrationOpensAt) : null;
  const closes = input.registrationClosesAt ? new Date(input.registrationClosesAt) : null;
  if (closes && closes > endsAt) errors.push(field('registrationClosesAt', 'closes_after_end', 'must not be after the event ends'));
  if (opens && closes && opens >= closes) errors.push(field('registrationOpensAt', 'opens_after_close', 'must be before registration closes'));
  (input.questions ?? []).forEach((q, i) => {
    if (q.kind === 'choice' && !q.options?.length) errors.push(field(`questions.${i}.options`, 'required', 'a choice question needs options'));
  });
  if (new Set((input.questions ?? []).map((q) => q.id)).size !== (input.questions ?? []).length) {
    errors.push(field('questions', 'duplicate_id', 'each question needs its own id'));
  }
  if (errors.length) throw invalid(errors);
  return { startsAt, endsAt, opens, closes };
}

function columns(input: Merged, derived: ReturnType<typeof validate>) {
  const rendered = renderMarkdown(input.description);
  const inPlace = input.format !== 'online';
  return {
    title: input.title.trim(),
    description: input.description,
    descriptionHtml: rendered.html,
    descriptionText: rendered.text,
    format: input.format,
    venueName: inPlace ? (input.venueName ?? null) : null,
    venueAddress: inPlace ? (input.venueAddress ?? null) : null,
    city: inPlace ? (input.city ?? null) : null,
    country: inPlace ? (input.country ?? null) : null,
    latitude: inPlace ? (input.latitude ?? null) : null,
    longitude: inPlace ? (input.longitude ?? null) : null,
    onlineUrl: input.format === 'in_person' ? null : (input.onlineUrl ?? null),
    timeZone: input.timeZone,
    startsLocal: input.startsLocal,
    endsLocal: input.endsLocal,
    startsAt: derived.startsAt,
    endsAt: derived.endsAt,
    languages: input.languages,
    themes: input.themes ?? [],
    registrationOpensAt: derived.opens,
    registrationClosesAt: derived.closes,
    reminderMinutes: input.reminderMinutes ?? [1440, 60],
    questions: input.questions ?? []
  };
}

/**
 * The hosting organisations: coordinators may name any approved one; an
 * organisation's admin only those they administer, and at least one.
 */
async function resolveHosts(tx: Tx, actor: Actor, slugs: string[] | undefined, required: boolean) {
  const wanted = slugs ?? [];
  const found = await repo.approvedOrganisationsBySlug(tx, wanted);
  if (found.length !== wanted.length) {
    throw invalid([field('hostOrganisations', 'unknown_organisation', 'names an organisation that is not a member')]);
  }
  if (!isStaff(actor)) {
    const mine = new Set(await repo.adminOrganisationIds(tx, actor.id));
    if (required && found.length === 0) throw forbidden('Only coordinators and the admins of a member organisation can draft events.');
    if (found.some((org) => !mine.has(org.id))) throw forbidden('You can only draft events for organisations you administer.');
  }
  return found;
}

export async function createEvent(hub: EventsHub, actor: Actor | null, input: EventCreateInput) {
  requireActor(actor);
  const derived = validate(input);
  return hub.db.transaction(async (tx) => {
    const hosts = await resolveHosts(tx, actor, input.hostOrganisations, true);
    const event = await repo.insertEvent(tx, { ...columns(input, derived), capacity: input.capacity ?? null, createdBy: actor.id, status: 'draft' });
    await repo.setHosts(tx, event.id, hosts.map((h) => h.id));
    return event;
  });
}

/** Fields whose change calendars must hear about (SEQUENCE goes up). */
const calendarFields = ['title', 'format', 'venueName', 'venueAddress', 'city', 'country', 'timeZone', 'startsLocal', 'endsLocal'] as const;

export async function updateEvent(hub: EventsHub, actor: Actor | null, id: string, input: EventUpdateInput) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const { event: before } = await authorized(tx, actor, id, 'edit', { lock: true });
    if (before.status === 'cancelled') throw conflict('event_cancelled', 'A cancelled event cannot be changed.');
    const current: Merged = {
      title: before.title,
      description: before.description,
      format: before.format,
      venueName: before.venueName,
      venueAddress: before.venueAddress,
      city: before.city,
      country: before.country as Merged['country'],
      latitude: before.latitude,
      longitude: before.longitude,
      onlineUrl: before.onlineUrl,
      timeZone: before.timeZone,
      startsLocal: before.startsLocal.slice(0, 16).replace(' ', 'T'),
      endsLocal: before.endsLocal.slice(0, 16).replace(' ', 'T'),
      languages: before.languages as Merged['languages'],
      themes: before.themes as Merged['themes'],
      registrationOpensAt: before.registrationOpensAt?.toISOString() ?? null,
      registrationClosesAt: before.registrationClosesAt?.toISOString() ?? null,
      reminderMinutes: before.reminderMinutes,
      questions: before.questions
    };
    const merged: Merged = { ...current, ...input };
    const derived = validate(merged);
    const values = columns(merged, derived);
    const moved = calendarFields.some((key) => merged[key] !== current[key]);
    let event = await repo.updateEvent(tx, id, values, { bumpSequence: moved && before.status === 'published' });
    if (input.hostOrganisations) {
      const hosts = await resolveHosts(tx, actor, input.hostOrganisations, false);
      await repo.setHosts(tx, id, hosts.map((h) => h.id));
    }
    if (input.capacity !== undefined && input.capacity !== before.capacity) {
      const changed = await repo.setCapacity(tx, id, input.capacity);
      if (!changed) {
        throw conflict(
          'capacity_below_confirmed',
          `${event.confirmedCount} people are confirmed: the capacity cannot go below that. Cancel registrations first.`,
          [{ field: 'body.capacity', code: 'below_confirmed', message: `must be at least ${event.confirmedCount}` }]
        );
      }
      event = changed;
      // More seats: the first people waiting take them, in this transaction.
      await promoteWhileSeatsFree(hub, tx, event);
      event = (await repo.findEvent(tx, id))!;
    }
    const rescheduled = event.startsAt.getTime() !== before.startsAt.getTime() || event.reminderMinutes.join() !== before.reminderMinutes.join();
    if (rescheduled) await scheduleReminders(hub, tx, event);
    await afterChange(hub, tx, id, 'details');
    return event;
  });
}

export async function submitEvent(hub: EventsHub, actor: Actor | null, id: string) {
  return hub.db.transaction(async (tx) => {
    const { event } = await authorized(tx, actor, id, 'submit', { lock: true });
    if (event.status !== 'draft') throw conflict('invalid_event_status', 'Only a draft can be submitted.');
    const updated = await repo.updateEvent(tx, id, { status: 'submitted' });
    for (const coordinator of await repo.coordinatorIds(tx)) {
      await notify(hub, tx, coordinator, 'event.submitted', { eventId: id, title: event.title });
    }
    await afterChange(hub, tx, id, 'details');
    return updated;
  });
}

export async function publishEvent(hub: EventsHub, actor: Actor | null, id: string) {
  return hub.db.transaction(async (tx) => {
    const { event } = await authorized(tx, actor, id, 'publish', { lock: true });
    if (event.status !== 'draft' && event.status !== 'submitted') throw conflict('invalid_event_status', 'Only a draft or submitted event can be published.');
    const updated = await repo.updateEvent(tx, id, { status: 'published', publishedAt: new Date() });
    await scheduleReminders(hub, tx, updated);
    // Speakers listed while it was a draft could not open it; now they can, and are told.
    await tellNewSpeakers(hub, tx, updated, actor);
    await afterChange(hub, tx, id, 'details');
    return updated;
  });
}

/** Cancels the event: everyone registered or waiting is told in the app and by mail; feeds show it cancelled. */
export async function cancelEvent(hub: EventsHub, actor: Actor | null, id: string, reason?: string) {
  return hub.db.transaction(async (tx) => {
    const { event } = await authorized(tx, actor, id, 'publish', { lock: true });
    if (event.status === 'cancelled') throw conflict('invalid_event_status', 'The event is already cancelled.');
    const updated = await repo.updateEvent(tx, id, { status: 'cancelled', cancelledAt: new Date() }, { bumpSequence: true });
    if (event.status === 'published') {
      const people = (await repo.registrationsOf(tx, id)).filter((r) => r.registration.status !== 'cancelled');
      const link = `${hub.config.publicOrigin}/events/${id}`;
      for (const { user } of people) {
        await notify(hub, tx, user.id, 'event.cancelled', { eventId: id, title: event.title });
        if (await wantsMail(tx, user.id, 'event.cancelled')) {
          await queueMails(hub, tx, [
            await unsubscribable(hub, tx, user.id, 'event.cancelled', eventMail('cancelled', user, { name: user.name, title: event.title, link, when: '', reason }))
          ]);
        }
      }
    }
    await afterChange(hub, tx, id, 'details');
    return updated;
  });
}

/** Replaces the cover: the new files are stored before the row points at them, the old ones deleted after commit. */
export async function setCover(hub: EventsHub & Pick<Hub, 'files'>, actor: Actor | null, id: string, bytes: Buffer) {
  requireActor(actor);
  await hub.db.transaction((tx) => authorized(tx, actor, id, 'edit', { lock: false }));
  const variants = await processCover(bytes);
  const key = await storeCover(hub.files, id, variants);
  let previous: string | null = null;
  try {
    const event = await hub.db.transaction(async (tx) => {
      const { event: before } = await authorized(tx, actor, id, 'edit', { lock: true });
      previous = before.coverKey;
      const updated = await repo.updateEvent(tx, id, { coverKey: key });
      await afterChange(hub, tx, id, 'details');
      return updated;
    });
    await deleteCover(hub.files, previous);
    return event;
  } catch (err) {
    await deleteCover(hub.files, key);
    throw err;
  }
}

export async function removeCover(hub: EventsHub & Pick<Hub, 'files'>, actor: Actor | null, id: string) {
  let previous: string | null = null;
  const event = await hub.db.transaction(async (tx) => {
    const { event: before } = await authorized(tx, actor, id, 'edit', { lock: true });
    previous = before.coverKey;
    const updated = await repo.updateEvent(tx, id, { coverKey: null });
    await afterChange(hub, tx, id, 'details');
    return updated;
  });
  await deleteCover(hub.files, previous);
  return event;
}

/** The cover in one width, for whoever may see the event. */
export async function getCover(hub: Pick<Hub, 'db' | 'files'>, actor: Actor | null, id: string, width: CoverWidth) {
  const { event } = await authorized(hub.db, actor, id, 'view', { lock: false });
  const bytes = event.coverKey ? await readCover(hub.files, event.coverKey, width) : undefined;
  if (!bytes) throw notFound('This event has no cover.');
  return { bytes, public: event.status === 'published' || event.status === 'cancelled' };
}
