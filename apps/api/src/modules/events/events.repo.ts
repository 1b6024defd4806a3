import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import {
  eventCalendarTokens,
  eventHosts,
  eventRegistrations,
  eventRemindersSent,
  events,
  organisationMembers,
  organisations,
  users,
  type Tx
} from '@mutirao/db';
import type { EventStatus, RegistrationStatus } from '@mutirao/shared';

export type EventRow = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;
export interface HostRef {
  id: string;
  slug: string;
  name: string;
}

export function uniqueViolation(err: unknown): string | undefined {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint ?? '';
  }
  return undefined;
}

// ---------------------------------------------------------------- events

export async function insertEvent(tx: Tx, values: NewEvent): Promise<EventRow> {
  const [row] = await tx.insert(events).values(values).returning();
  return row;
}

export async function updateEvent(tx: Tx, id: string, values: Partial<NewEvent>, options: { bumpSequence?: boolean } = {}): Promise<EventRow> {
  const [row] = await tx
    .update(events)
    .set({ ...values, updatedAt: new Date(), ...(options.bumpSequence && { sequence: sql`${events.sequence} + 1` }) })
    .where(eq(events.id, id))
    .returning();
  return row;
}

export async function findEvent(tx: Tx, id: string): Promise<EventRow | undefined> {
  const [row] = await tx.select().from(events).where(eq(events.id, id)).limit(1);
  return row;
}

/** Reads the event and holds its row until the transaction ends (status changes, capacity changes). */
export async function lockEvent(tx: Tx, id: string): Promise<EventRow | undefined> {
  const [row] = await tx.select().from(events).where(eq(events.id, id)).limit(1).for('update');
  return row;
}

/**
 * Sets the capacity only if no more people are confirmed than it allows, in one
 * statement: undefined when the event has more confirmed people than that.
 */
export async function setCapacity(tx: Tx, id: string, capacity: number | null): Promise<EventRow | undefined> {
  const [row] = await tx
    .update(events)
    .set({ capacity, updatedAt: new Date() })
    .where(and(eq(events.id, id), capacity === null ? sql`true` : lte(events.confirmedCount, capacity)))
    .returning();
  return row;
}

export async function hostsOf(tx: Tx, eventIds: string[]): Promise<Map<string, HostRef[]>> {
  const map = new Map<string, HostRef[]>();
  if (eventIds.length === 0) return map;
  const rows = await tx
    .select({ eventId: eventHosts.eventId, id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(eventHosts)
    .innerJoin(organisations, eq(organisations.id, eventHosts.organisationId))
    .where(inArray(eventHosts.eventId, eventIds))
    .orderBy(asc(organisations.name));
  for (const { eventId, ...host } of rows) {
    const list = map.get(eventId) ?? [];
    list.push(host);
    map.set(eventId, list);
  }
  return map;
}

export async function setHosts(tx: Tx, eventId: string, organisationIds: string[]): Promise<void> {
  await tx.delete(eventHosts).where(eq(eventHosts.eventId, eventId));
  if (organisationIds.length) await tx.insert(eventHosts).values(organisationIds.map((organisationId) => ({ eventId, organisationId })));
}

/** Approved organisations by slug: what may host an event. */
export async function approvedOrganisationsBySlug(tx: Tx, slugs: string[]): Promise<HostRef[]> {
  if (slugs.length === 0) return [];
  return tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(and(inArray(organisations.slug, slugs), eq(organisations.status, 'approved')));
}

/** The approved organisations this person is an admin of. */
export async function adminOrganisationIds(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: organisationMembers.organisationId })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.role, 'admin'), eq(organisations.status, 'approved')));
  return rows.map((r) => r.id);
}

/** Whether the person is an admin of an approved organisation hosting the event. */
export async function isHostAdmin(tx: Tx, eventId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(eventHosts)
    .innerJoin(organisations, and(eq(organisations.id, eventHosts.organisationId), eq(organisations.status, 'approved')))
    .innerJoin(
      organisationMembers,
      and(eq(organisationMembers.organisationId, eventHosts.organisationId), eq(organisationMembers.userId, userId), eq(organisationMembers.role, 'admin'))
    )
    .where(eq(eventHosts.eventId, eventId));
  return (row?.n ?? 0) > 0;
}

export interface EventFilter {
  statuses: EventStatus[];
  when?: 'upcoming' | 'past';
  now: Date;
  country?: string;
  city?: string;
  format?: string;
  theme?: string;
  language?: string;
  organisationSlug?: string;
  monthStart?: Date;
  monthEnd?: Date;
  ids?: string[];
}

function filterConditions(f: EventFilter): SQL[] {
  const where: SQL[] = [inArray(events.status, f.statuses)];
  if (f.when === 'upcoming') where.push(gt(events.endsAt, f.now));
  if (f.when === 'past') where.push(lte(events.endsAt, f.now));
  if (f.country) where.push(eq(events.country, f.country));
  if (f.city) where.push(sql`lower(${events.city}) = lower(${f.city})`);
  if (f.format) where.push(eq(events.format, f.format as EventRow['format']));
  if (f.theme) where.push(sql`${events.themes} @> array[${f.theme}]::text[]`);
  if (f.language) where.push(sql`${events.languages} @> array[${f.language}]::text[]`);
  if (f.organisationSlug)
    where.push(
      sql`${events.id} in (select ${eventHosts.eventId} from ${eventHosts} join ${organisations} on ${organisations.id} = ${eventHosts.organisationId} where ${organisations.slug} = ${f.organisationSlug})`
    );
  if (f.monthStart && f.monthEnd) where.push(and(lt(events.startsAt, f.monthEnd), gt(events.endsAt, f.monthStart))!);
  if (f.ids) where.push(f.ids.length ? inArray(events.id, f.ids) : sql`false`);
  return where;
}

export async function listEvents(tx: Tx, f: EventFilter, page: number, pageSize: number): Promise<{ rows: EventRow[]; total: number }> {
  const where = and(...filterConditions(f));
  const order = f.when === 'past' ? [desc(events.startsAt), asc(events.id)] : [asc(events.startsAt), asc(events.id)];
  const [rows, [counted]] = await Promise.all([
    tx.select().from(events).where(where).orderBy(...order).limit(pageSize).offset((page - 1) * pageSize),
    tx.select({ n: count() }).from(events).where(where)
  ]);
  return { rows, total: counted.n };
}

export async function eventsByIds(tx: Tx, ids: string[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(events).where(inArray(events.id, ids));
}

export async function eventIdsAfter(tx: Tx, after: string | null, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: events.id })
    .from(events)
    .where(and(inArray(events.status, ['published', 'cancelled']), after ? gt(events.id, after) : sql`true`))
    .orderBy(asc(events.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Published and cancelled events that end after `since`: the public feed. */
export async function feedEvents(tx: Tx, since: Date): Promise<EventRow[]> {
  return tx
    .select()
    .from(events)
    .where(and(inArray(events.status, ['published', 'cancelled']), gt(events.endsAt, since)))
    .orderBy(asc(events.startsAt))
    .limit(1000);
}

/** Events hosted by organisations this person administers, or created by them. */
export async function eventsHostedBy(tx: Tx, userId: string, statuses: EventStatus[], limit: number): Promise<{ rows: EventRow[]; total: number }> {
  const hosted = sql`${events.id} in (select ${eventHosts.eventId} from ${eventHosts} join ${organisationMembers} on ${organisationMembers.organisationId} = ${eventHosts.organisationId} where ${organisationMembers.userId} = ${userId} and ${organisationMembers.role} = 'admin')`;
  const where = and(inArray(events.status, statuses), or(eq(events.createdBy, userId), hosted));
  const [rows, [counted]] = await Promise.all([
    tx.select().from(events).where(where).orderBy(desc(events.startsAt)).limit(limit),
    tx.select({ n: count() }).from(events).where(where)
  ]);
  return { rows, total: counted.n };
}

// ---------------------------------------------------------------- seats

/**
 * Takes a seat, or the next waitlist place when no seat is free or someone already
 * waits, and writes the registration, in ONE statement. The UPDATE locks the event's
 * row and, when it had to wait for that lock, decides seat or waitlist on the row as
 * the previous holder left it (Postgres re-reads the newest version under READ
 * COMMITTED), so it never needs a retry. The registration is inserted after the lock
 * is taken, so its `seq` follows the queue on the row. After this statement only the
 * COMMIT remains: a burst of registrations holds the row for two round trips each
 * (three statements before this change took four, and the pool ran dry; see
 * *Events* in ARCHITECTURE.md).
 *
 * Undefined when the event is not published; `registration` is undefined when the
 * person already has an active registration, and the caller must roll back the
 * counter it raised.
 */
export async function registerInOneStatement(
  tx: Tx,
  values: { eventId: string; userId: string; answers: Record<string, string> }
): Promise<{ registration: RegistrationRow | undefined; confirmedCount: number; waitlistCount: number } | undefined> {
  const free = sql`(waitlist_count = 0 and (capacity is null or confirmed_count < capacity))`;
  const result = await tx.execute(sql`
    with counted as (
      update ${events}
      set confirmed_count = confirmed_count + (case when ${free} then 1 else 0 end),
          waitlist_count = waitlist_count + (case when ${free} then 0 else 1 end)
      where id = ${values.eventId} and status = 'published'
      returning confirmed_count, waitlist_count
    ), written as (
      insert into ${eventRegistrations} (event_id, user_id, status, answers)
      -- A seat leaves the waitlist empty; a waitlist place makes it at least one.
      select ${values.eventId}, ${values.userId}, case when counted.waitlist_count = 0 then 'confirmed' else 'waitlisted' end, ${JSON.stringify(values.answers)}::jsonb
      from counted
      on conflict (event_id, user_id) do update
        set status = excluded.status, answers = excluded.answers,
            seq = nextval(pg_get_serial_sequence('event_registrations', 'seq')),
            checked_in_at = null, promoted_at = null, cancelled_at = null, created_at = now(), updated_at = now()
        -- Only a cancelled registration may be reused; an active one makes this insert nothing.
        where ${eventRegistrations}.status = 'cancelled'
      returning *
    )
    select counted.confirmed_count as counted_confirmed, counted.waitlist_count as counted_waitlist, written.*
    from counted left join written on true`);
  const rows = ((result as unknown as { rows?: unknown[] }).rows ?? (result as unknown as unknown[])) as RawRegistration[];
  const [row] = rows;
  if (!row) return undefined;
  return { registration: row.id ? fromRawRegistration(row) : undefined, confirmedCount: Number(row.counted_confirmed), waitlistCount: Number(row.counted_waitlist) };
}

interface RawRegistration {
  counted_confirmed: number | string;
  counted_waitlist: number | string;
  id: string | null;
  event_id: string;
  user_id: string;
  status: RegistrationRow['status'];
  seq: number | string | bigint;
  answers: Record<string, string> | string;
  checked_in_at: Date | string | null;
  promoted_at: Date | string | null;
  cancelled_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const toDateOrNull = (value: Date | string | null) => (value === null ? null : toDate(value));

/** A registration row as a raw statement returns it (snake_case, `seq` as text from node-postgres), shaped as drizzle's. */
function fromRawRegistration(row: RawRegistration): RegistrationRow {
  return {
    id: row.id!,
    eventId: row.event_id,
    userId: row.user_id,
    status: row.status,
    seq: Number(row.seq),
    answers: typeof row.answers === 'string' ? (JSON.parse(row.answers) as Record<string, string>) : row.answers,
    checkedInAt: toDateOrNull(row.checked_in_at),
    promotedAt: toDateOrNull(row.promoted_at),
    cancelledAt: toDateOrNull(row.cancelled_at),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at)
  };
}

/** Gives back a seat or a waitlist place; locks the event's row. */
export async function releasePlace(tx: Tx, eventId: string, from: 'confirmed' | 'waitlisted'): Promise<void> {
  const column = from === 'confirmed' ? events.confirmedCount : events.waitlistCount;
  const key = from === 'confirmed' ? 'confirmedCount' : 'waitlistCount';
  await tx
    .update(events)
    .set({ [key]: sql`${column} - 1` })
    .where(eq(events.id, eventId));
}

/** Moves one person's count from the waitlist to the seats, if a seat is free and someone waits. */
export async function seatFromWaitlist(tx: Tx, eventId: string): Promise<boolean> {
  const rows = await tx
    .update(events)
    .set({ confirmedCount: sql`${events.confirmedCount} + 1`, waitlistCount: sql`${events.waitlistCount} - 1` })
    .where(
      and(eq(events.id, eventId), gt(events.waitlistCount, 0), or(sql`${events.capacity} is null`, lt(events.confirmedCount, events.capacity)))
    )
    .returning({ id: events.id });
  return rows.length === 1;
}

// ---------------------------------------------------------------- registrations

export async function findRegistration(tx: Tx, eventId: string, userId: string): Promise<RegistrationRow | undefined> {
  const [row] = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)))
    .limit(1);
  return row;
}

export async function findRegistrationById(tx: Tx, eventId: string, id: string): Promise<RegistrationRow | undefined> {
  const [row] = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.id, id)))
    .limit(1);
  return row;
}

/** Cancels an active registration; returns it as it was, or undefined when none was active. */
export async function cancelRegistration(tx: Tx, eventId: string, userId: string): Promise<RegistrationRow | undefined> {
  const [before] = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId), ne(eventRegistrations.status, 'cancelled')))
    .for('update');
  if (!before) return undefined;
  await tx
    .update(eventRegistrations)
    .set({ status: 'cancelled', cancelledAt: new Date(), checkedInAt: null, updatedAt: new Date() })
    .where(eq(eventRegistrations.id, before.id));
  return before;
}

/** The first person waiting, promoted to confirmed; the caller has already counted the seat. */
export async function promoteFirstWaiting(tx: Tx, eventId: string): Promise<RegistrationRow | undefined> {
  const [first] = await tx
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.seq))
    .limit(1)
    .for('update');
  if (!first) return undefined;
  const [row] = await tx
    .update(eventRegistrations)
    .set({ status: 'confirmed', promotedAt: new Date(), updatedAt: new Date() })
    .where(eq(eventRegistrations.id, first.id))
    .returning();
  return row;
}

/** 1 for the first person waiting. */
export async function waitlistPosition(tx: Tx, registration: RegistrationRow): Promise<number | null> {
  if (registration.status !== 'waitlisted') return null;
  const [row] = await tx
    .select({ n: count() })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, registration.eventId),
        eq(eventRegistrations.status, 'waitlisted'),
        lte(eventRegistrations.seq, registration.seq)
      )
    );
  return row.n;
}

export async function registrationsOf(tx: Tx, eventId: string, status?: RegistrationStatus) {
  return tx
    .select({ registration: eventRegistrations, user: { id: users.id, name: users.name, email: users.email, country: users.country, locale: users.locale } })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(and(eq(eventRegistrations.eventId, eventId), status ? eq(eventRegistrations.status, status) : sql`true`))
    .orderBy(asc(eventRegistrations.seq));
}

/** The approved organisations each person belongs to, by name. */
export async function organisationsOfPeople(tx: Tx, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await tx
    .select({ userId: organisationMembers.userId, name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, and(eq(organisations.id, organisationMembers.organisationId), eq(organisations.status, 'approved')))
    .where(inArray(organisationMembers.userId, userIds))
    .orderBy(asc(organisations.name));
  for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row.name]);
  return map;
}

export async function setCheckIn(tx: Tx, registrationId: string, at: Date | null): Promise<RegistrationRow | undefined> {
  const [row] = await tx
    .update(eventRegistrations)
    .set({ checkedInAt: at, updatedAt: new Date() })
    .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.status, 'confirmed')))
    .returning();
  return row;
}

export async function checkedInCount(tx: Tx, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), sql`${eventRegistrations.checkedInAt} is not null`));
  return row.n;
}

/** My active registrations for events not yet over, soonest first. */
export async function myUpcomingRegistrations(tx: Tx, userId: string, now: Date, limit: number) {
  const where = and(
    eq(eventRegistrations.userId, userId),
    ne(eventRegistrations.status, 'cancelled'),
    eq(events.status, 'published'),
    gt(events.endsAt, now)
  );
  const [rows, [counted]] = await Promise.all([
    tx
      .select({ event: events, registration: eventRegistrations })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(where)
      .orderBy(asc(events.startsAt))
      .limit(limit),
    tx.select({ n: count() }).from(eventRegistrations).innerJoin(events, eq(events.id, eventRegistrations.eventId)).where(where)
  ]);
  return { rows, total: counted.n };
}

/** Every event I am registered for or waiting on, and those since cancelled (for my feed). */
export async function myFeedEvents(tx: Tx, userId: string, since: Date): Promise<EventRow[]> {
  const rows = await tx
    .select({ event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(eventRegistrations.userId, userId),
        ne(eventRegistrations.status, 'cancelled'),
        inArray(events.status, ['published', 'cancelled']),
        gte(events.endsAt, since)
      )
    )
    .orderBy(asc(events.startsAt));
  return rows.map((r) => r.event);
}

/** Upcoming published events in any of these themes or countries. */
export async function eventsMatching(tx: Tx, themesWanted: string[], countriesWanted: string[], now: Date, limit: number) {
  const any: SQL[] = [];
  if (themesWanted.length) any.push(sql`${events.themes} && array[${sql.join(themesWanted.map((t) => sql`${t}`), sql`, `)}]::text[]`);
  if (countriesWanted.length) any.push(inArray(events.country, countriesWanted));
  const where = and(eq(events.status, 'published'), gt(events.startsAt, now), any.length ? or(...any) : sql`true`);
  const [rows, [counted]] = await Promise.all([
    tx.select().from(events).where(where).orderBy(asc(events.startsAt)).limit(limit),
    tx.select({ n: count() }).from(events).where(where)
  ]);
  return { rows, total: counted.n };
}

// ---------------------------------------------------------------- reminders

/**
 * Records the reminder as sent to each confirmed attendee who has not had it,
 * and returns those people: only they are mailed, so a job that runs twice
 * mails nobody twice.
 */
export async function claimReminders(tx: Tx, eventId: string, minutesBefore: number, startsAt: Date) {
  const result = await tx.execute(sql`
    with inserted as (
      insert into ${eventRemindersSent} (event_id, user_id, minutes_before, starts_at)
      select r.event_id, r.user_id, ${minutesBefore}, ${startsAt.toISOString()}::timestamptz
      from ${eventRegistrations} r
      where r.event_id = ${eventId} and r.status = 'confirmed'
      on conflict do nothing
      returning user_id
    )
    select u.id, u.email, u.name, u.locale from inserted join ${users} u on u.id = inserted.user_id`);
  const rows = (result as unknown as { rows?: unknown[] }).rows ?? (result as unknown as unknown[]);
  return rows as { id: string; email: string; name: string; locale: 'es' | 'pt' | 'en' }[];
}

// ---------------------------------------------------------------- calendar tokens

export async function calendarToken(tx: Tx, userId: string): Promise<string | undefined> {
  const [row] = await tx.select({ token: eventCalendarTokens.token }).from(eventCalendarTokens).where(eq(eventCalendarTokens.userId, userId));
  return row?.token;
}

export async function putCalendarToken(tx: Tx, userId: string, token: string, replace: boolean): Promise<string> {
  const [row] = await tx
    .insert(eventCalendarTokens)
    .values({ userId, token })
    .onConflictDoUpdate({ target: eventCalendarTokens.userId, set: replace ? { token, createdAt: new Date() } : { userId } })
    .returning({ token: eventCalendarTokens.token });
  return row.token;
}

export async function userForCalendarToken(tx: Tx, token: string): Promise<string | undefined> {
  const [row] = await tx.select({ userId: eventCalendarTokens.userId }).from(eventCalendarTokens).where(eq(eventCalendarTokens.token, token));
  return row?.userId;
}

export async function userThemesAndCountry(tx: Tx, userId: string): Promise<{ country: string } | undefined> {
  const [row] = await tx.select({ country: users.country }).from(users).where(eq(users.id, userId));
  return row;
}

/** Coordinators and hub admins: who hears that an event waits to be published. */
export async function coordinatorIds(tx: Tx): Promise<string[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(inArray(users.role, ['coordinator', 'admin']));
  return rows.map((r) => r.id);
}

export async function findUser(tx: Tx, id: string) {
  const [row] = await tx.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(users.id, id));
  return row;
}

export async function approvedOrganisations(tx: Tx): Promise<HostRef[]> {
  return tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.status, 'approved'));
}

