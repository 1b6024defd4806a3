import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import { eventFormats, eventStatuses, locales, registrationStatuses, themes, type EventQuestion } from '@mutirao/shared';
import { users } from './accounts';
import { threads } from './discussions';
import { organisations } from './organisations';
import { sqlList } from './sql-list';

/**
 * An event. Its time is what the organisers said: wall times in the venue's IANA
 * zone (`starts_local` in `time_zone`); `starts_at`/`ends_at` are the instants
 * derived from them when they are written, for sorting, reminders and feeds. A
 * daylight-saving rule between now and then therefore never moves the event.
 *
 * `confirmed_count` and `waitlist_count` are the seat counters. Every change to a
 * registration first changes them with one conditional UPDATE of this row, which
 * takes its lock: registrations for one event queue up on it, and the CHECK below
 * makes overbooking impossible whatever the code does.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    descriptionHtml: text('description_html').notNull(),
    descriptionText: text('description_text').notNull(),
    format: text('format', { enum: eventFormats }).notNull(),
    status: text('status', { enum: eventStatuses }).notNull().default('draft'),
    venueName: text('venue_name'),
    venueAddress: text('venue_address'),
    city: text('city'),
    country: text('country'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    onlineUrl: text('online_url'),
    timeZone: text('time_zone').notNull(),
    startsLocal: timestamp('starts_local', { mode: 'string' }).notNull(),
    endsLocal: timestamp('ends_local', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    languages: text('languages').array().notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    capacity: integer('capacity'),
    confirmedCount: integer('confirmed_count').notNull().default(0),
    waitlistCount: integer('waitlist_count').notNull().default(0),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    reminderMinutes: integer('reminder_minutes').array().notNull().default(sql`'{1440,60}'::integer[]`),
    questions: jsonb('questions').$type<EventQuestion[]>().notNull().default(sql`'[]'::jsonb`),
    /** The cover's folder under uploads/covers (`<id>-<random>`); null without a cover. */
    coverKey: text('cover_key'),
    /** iCalendar SEQUENCE: raised when the time, the place or the status changes. */
    sequence: integer('sequence').notNull().default(0),
    /** The discussion thread its organisers opened for what comes after; checked readable when set and when shown. */
    followUpThreadId: uuid('follow_up_thread_id').references(() => threads.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index('events_status_starts_idx').on(t.status, t.startsAt),
    index('events_created_by_idx').on(t.createdBy),
    check('events_format_check', sql`${t.format} in (${sqlList(eventFormats)})`),
    check('events_status_check', sql`${t.status} in (${sqlList(eventStatuses)})`),
    check('events_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('events_languages_check', sql`cardinality(${t.languages}) >= 1 and ${t.languages} <@ array[${sqlList(locales)}]::text[]`),
    check('events_themes_check', sql`${t.themes} <@ array[${sqlList(themes)}]::text[]`),
    check('events_times_check', sql`${t.endsAt} > ${t.startsAt} and ${t.endsLocal} > ${t.startsLocal}`),
    check('events_capacity_check', sql`${t.capacity} is null or ${t.capacity} >= 0`),
    // The guard behind the conditional UPDATEs: never more confirmed than seats.
    check(
      'events_seats_check',
      sql`${t.confirmedCount} >= 0 and ${t.waitlistCount} >= 0 and (${t.capacity} is null or ${t.confirmedCount} <= ${t.capacity})`
    ),
    check(
      'events_registration_window_check',
      sql`(${t.registrationClosesAt} is null or ${t.registrationClosesAt} <= ${t.endsAt}) and (${t.registrationOpensAt} is null or ${t.registrationClosesAt} is null or ${t.registrationOpensAt} < ${t.registrationClosesAt})`
    ),
    check('events_coordinates_check', sql`(${t.latitude} is null) = (${t.longitude} is null)`)
  ]
);

/** The organisations hosting an event; their admins are among its organisers. */
export const eventHosts = pgTable(
  'event_hosts',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.eventId, t.organisationId] }), index('event_hosts_organisation_idx').on(t.organisationId)]
);

/**
 * The people speaking at an event, in the order the organisers listed them, each
 * with an optional talk title or role. `notified_at` is when the person was told:
 * at once for a published event, at publication for a draft (a draft is hidden from
 * them, so telling them earlier would link to a page they cannot open).
 */
export const eventSpeakers = pgTable(
  'event_speakers',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    talkTitle: text('talk_title'),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index('event_speakers_user_idx').on(t.userId),
    check('event_speakers_talk_title_check', sql`${t.talkTitle} is null or char_length(${t.talkTitle}) between 1 and 200`)
  ]
);

/**
 * One person's registration. `seq` is taken when the row is written, while the
 * event's row is locked by the same transaction, so it orders the waitlist in the
 * order the counters were changed. A cancelled registration keeps its row (the
 * attendee list shows it); registering again reuses it with a new `seq`.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('event_registrations_event_user_key').on(t.eventId, t.userId),
    index('event_registrations_event_status_seq_idx').on(t.eventId, t.status, t.seq),
    index('event_registrations_user_idx').on(t.userId),
    check('event_registrations_status_check', sql`${t.status} in (${sqlList(registrationStatuses)})`),
    check('event_registrations_check_in_check', sql`${t.checkedInAt} is null or ${t.status} = 'confirmed'`)
  ]
);

/**
 * Reminders already mailed, one row per person, event, offset and start time: a
 * retried or doubly-run reminder job inserts first and mails only for the rows it
 * inserted, so nobody gets the same reminder twice. A moved event has a new start
 * time, so its reminders are sent again.
 */
export const eventRemindersSent = pgTable(
  'event_reminders_sent',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    minutesBefore: integer('minutes_before').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId, t.minutesBefore, t.startsAt] })]
);

/**
 * The secret address of a person's calendar feed. Kept as it is, not hashed: the
 * person must be able to copy it again, and it only reads their own registrations.
 * Resetting replaces it.
 */
export const eventCalendarTokens = pgTable(
  'event_calendar_tokens',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [uniqueIndex('event_calendar_tokens_token_key').on(t.token), check('event_calendar_tokens_token_check', sql`${t.token} ~ '^[a-z0-9]{32}$'`)]
);
