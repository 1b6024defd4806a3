import { Type, type Static } from '@sinclair/typebox';
import { countries, themes, type Country, type Theme } from '../taxonomy';
import { locales, type Locale } from '../locales';
import { IsoDate, Uuid } from './common';
import { StringEnum } from './organisations';

import { eventFormats, eventStatuses, questionKinds, registrationStatuses, type EventFormat, type EventStatus, type QuestionKind, type RegistrationStatus } from '../event-kinds';

export { eventFormats, eventStatuses, questionKinds, registrationStatuses };
export type { EventFormat, EventStatus, QuestionKind, RegistrationStatus };

export const EVENT_COVER_MAX_BYTES = 3 * 1024 * 1024;
export const eventCoverTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
/** Widths of the 16:9 cover: cards and phones, then the event page on wide screens. */
export const EVENT_COVER_WIDTHS = [480, 960, 1600] as const;

/** Reminders are sent this many minutes before the start unless the event says otherwise. */
export const DEFAULT_REMINDER_MINUTES = [1440, 60] as const;

export const EventFormatSchema = StringEnum<EventFormat>(eventFormats);
export const EventStatusSchema = StringEnum<EventStatus>(eventStatuses);
export const RegistrationStatusSchema = StringEnum<RegistrationStatus>(registrationStatuses);
const EventCountry = StringEnum<Country>(countries, { description: 'ISO 3166-1 alpha-2 country code' });
const EventTheme = StringEnum<Theme>(themes);
const EventLanguage = StringEnum<Locale>(locales);

/** A wall-clock time without an offset (`2027-03-14T09:30`), read in the event's `timeZone`. */
export const LocalDateTime = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'Local wall time, YYYY-MM-DDTHH:mm, in the event’s time zone.'
});
/** An IANA zone name (`America/Santiago`); the service checks it is one the hub knows. */
export const TimeZoneName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$' });

export const EventQuestionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }),
    label: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    kind: StringEnum<QuestionKind>(questionKinds),
    /** The choices, for `choice` questions. */
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { minItems: 2, maxItems: 20 })),
    required: Type.Boolean()
  },
  { additionalProperties: false }
);
export type EventQuestion = Static<typeof EventQuestionSchema>;

const Title = Type.String({ minLength: 3, maxLength: 200, pattern: '\\S' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Nullable = <T extends import('@sinclair/typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const EventCreateBody = Type.Object(
  {
    title: Title,
    description: Type.String({ minLength: 1, maxLength: 20_000 }),
    format: EventFormatSchema,
    venueName: Type.Optional(Nullable(Text(200))),
    venueAddress: Type.Optional(Nullable(Text(300))),
    city: Type.Optional(Nullable(Text(120))),
    country: Type.Optional(Nullable(EventCountry)),
    latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    onlineUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, format: 'iri', pattern: '^https?://[^\\s/$.?#][^\\s]*$' }))),
    timeZone: TimeZoneName,
    startsLocal: LocalDateTime,
    endsLocal: LocalDateTime,
    languages: Type.Array(EventLanguage, { minItems: 1, maxItems: locales.length, uniqueItems: true }),
    themes: Type.Optional(Type.Array(EventTheme, { maxItems: themes.length, uniqueItems: true })),
    /** Organisations hosting it, by slug. An organisation's admin drafts only for their own. */
    hostOrganisations: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 10, uniqueItems: true })),
    capacity: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000 }))),
    registrationOpensAt: Type.Optional(Nullable(IsoDate)),
    registrationClosesAt: Type.Optional(Nullable(IsoDate)),
    /** Minutes before the start when confirmed attendees are reminded by email. */
    reminderMinutes: Type.Optional(Type.Array(Type.Integer({ minimum: 5, maximum: 20_160 }), { maxItems: 4, uniqueItems: true })),
    questions: Type.Optional(Type.Array(EventQuestionSchema, { maxItems: 10 }))
  },
  { additionalProperties: false }
);
export type EventCreateInput = Static<typeof EventCreateBody>;

export const EventUpdateBody = Type.Partial(EventCreateBody, { additionalProperties: false, minProperties: 1 });
export type EventUpdateInput = Static<typeof EventUpdateBody>;

export const HostRefSchema = Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() });

export const EventSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  /** The Markdown source, for editing. */
  description: Type.String(),
  /** The sanitised HTML of the description. */
  descriptionHtml: Type.String(),
  format: EventFormatSchema,
  status: EventStatusSchema,
  venueName: Nullable(Type.String()),
  venueAddress: Nullable(Type.String()),
  city: Nullable(Type.String()),
  country: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  /** Only for confirmed attendees and the event's organisers; null for everyone else. */
  onlineUrl: Nullable(Type.String()),
  timeZone: Type.String(),
  startsLocal: Type.String(),
  endsLocal: Type.String(),
  startsAt: IsoDate,
  endsAt: IsoDate,
  languages: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  hosts: Type.Array(HostRefSchema),
  capacity: Nullable(Type.Integer()),
  confirmedCount: Type.Integer(),
  waitlistCount: Type.Integer(),
  /** Seats left, or null when the event has no capacity limit. */
  seatsLeft: Nullable(Type.Integer()),
  registrationOpensAt: Nullable(IsoDate),
  registrationClosesAt: Nullable(IsoDate),
  reminderMinutes: Type.Array(Type.Integer()),
  questions: Type.Array(EventQuestionSchema),
  /** The 16:9 cover image's address (WebP; `size` picks a width), or null. */
  coverUrl: Nullable(Type.String()),
  sequence: Type.Integer({ description: 'The iCalendar SEQUENCE: raised whenever the time, the place or the status changes.' }),
  createdAt: IsoDate,
  updatedAt: IsoDate
});
export type Event = Static<typeof EventSchema>;

export const MyRegistrationSchema = Type.Object({
  id: Uuid,
  status: RegistrationStatusSchema,
  /** 1 for the first person waiting; null unless waitlisted. */
  waitlistPosition: Nullable(Type.Integer({ minimum: 1 })),
  answers: Type.Record(Type.String(), Type.String()),
  checkedInAt: Nullable(IsoDate),
  createdAt: IsoDate
});
export type MyRegistration = Static<typeof MyRegistrationSchema>;

export const EventViewerSchema = Type.Object({
  canEdit: Type.Boolean(),
  canPublish: Type.Boolean(),
  canManageAttendees: Type.Boolean(),
  /** Registration is open now for this event (the viewer may still need to sign in). */
  registrationOpen: Type.Boolean(),
  registration: Nullable(MyRegistrationSchema)
});

/** What follows an event: its follow-up thread (the library lists the resources naming the event itself). */
export const EventFollowUpSchema = Type.Object({ thread: Nullable(Type.Object({ id: Uuid, title: Type.String() })) });
export type EventFollowUp = Static<typeof EventFollowUpSchema>;

export const FollowUpBody = Type.Object({ threadId: Nullable(Uuid) }, { additionalProperties: false });
export type FollowUpInput = Static<typeof FollowUpBody>;

/**
 * A person speaking at the event. The name always (speaking at a public event is
 * public); the photo and the link to the profile only when the viewer may see that
 * profile, so the page never links to a 404.
 */
export const EventSpeakerSchema = Type.Object({
  userId: Uuid,
  name: Type.String(),
  /** The talk's title or the person's role at the event, as the organisers wrote it. */
  talkTitle: Nullable(Type.String()),
  profileVisible: Type.Boolean(),
  photoUrl: Nullable(Type.String())
});
export type EventSpeaker = Static<typeof EventSpeakerSchema>;

export const EVENT_SPEAKERS_MAX = 20;

export const SpeakersBody = Type.Object(
  {
    speakers: Type.Array(
      Type.Object(
        {
          userId: Uuid,
          /** Blank or absent: no title. */
          talkTitle: Type.Optional(Nullable(Type.String({ maxLength: 200 })))
        },
        { additionalProperties: false }
      ),
      { maxItems: EVENT_SPEAKERS_MAX, description: 'The whole list, in the order to show it; each person once.' }
    )
  },
  { additionalProperties: false }
);
export type SpeakersInput = Static<typeof SpeakersBody>;

export const EventSpeakersSchema = Type.Object({ speakers: Type.Array(EventSpeakerSchema) });

export const EventPageSchema = Type.Object({
  event: EventSchema,
  viewer: EventViewerSchema,
  followUp: EventFollowUpSchema,
  speakers: Type.Array(EventSpeakerSchema)
});
export type EventPage = Static<typeof EventPageSchema>;

export const EventCardSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  format: EventFormatSchema,
  status: EventStatusSchema,
  city: Nullable(Type.String()),
  country: Nullable(Type.String()),
  timeZone: Type.String(),
  startsAt: IsoDate,
  endsAt: IsoDate,
  startsLocal: Type.String(),
  languages: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  hosts: Type.Array(HostRefSchema),
  capacity: Nullable(Type.Integer()),
  seatsLeft: Nullable(Type.Integer()),
  waitlistCount: Type.Integer(),
  coverUrl: Nullable(Type.String())
});
export type EventCard = Static<typeof EventCardSchema>;

export const EventListQuery = Type.Object(
  {
    when: Type.Optional(StringEnum(['upcoming', 'past'] as const)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    country: Type.Optional(EventCountry),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    format: Type.Optional(EventFormatSchema),
    theme: Type.Optional(EventTheme),
    language: Type.Optional(EventLanguage),
    /** Events this organisation (by slug) hosts: its profile's upcoming and past events. */
    organisation: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,120}$' })),
    /** A calendar month, YYYY-MM, in UTC. */
    month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
    /** Coordinators: drafts and submitted events too. */
    status: Type.Optional(EventStatusSchema),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 }))
  },
  { additionalProperties: false }
);
export type EventListQueryInput = Static<typeof EventListQuery>;

export const EventListSchema = Type.Object({
  items: Type.Array(EventCardSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer()
});
export type EventList = Static<typeof EventListSchema>;

export const RegisterBody = Type.Object(
  { answers: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }), Type.String({ maxLength: 1000 }), { maxProperties: 10 })) },
  { additionalProperties: false }
);
export type RegisterInput = Static<typeof RegisterBody>;

export const RegistrationResultSchema = Type.Object({ registration: MyRegistrationSchema, event: EventCardSchema });

export const AttendeeSchema = Type.Object({
  registrationId: Uuid,
  userId: Uuid,
  name: Type.String(),
  email: Type.String(),
  country: Nullable(Type.String()),
  organisations: Type.Array(Type.String()),
  status: RegistrationStatusSchema,
  waitlistPosition: Nullable(Type.Integer()),
  answers: Type.Record(Type.String(), Type.String()),
  checkedInAt: Nullable(IsoDate),
  createdAt: IsoDate
});
export type Attendee = Static<typeof AttendeeSchema>;

export const AttendeeListSchema = Type.Object({
  items: Type.Array(AttendeeSchema),
  counts: Type.Object({ confirmed: Type.Integer(), waitlisted: Type.Integer(), cancelled: Type.Integer(), checkedIn: Type.Integer() })
});
export type AttendeeList = Static<typeof AttendeeListSchema>;

export const AttendeeQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 120 })),
    status: Type.Optional(RegistrationStatusSchema)
  },
  { additionalProperties: false }
);

export const CheckInBody = Type.Object({ attended: Type.Boolean() }, { additionalProperties: false });

export const MessageAttendeesBody = Type.Object(
  { subject: Text(200), body: Text(10_000) },
  { additionalProperties: false }
);

export const AttendanceFiguresSchema = Type.Object({
  confirmed: Type.Integer(),
  attended: Type.Integer(),
  byCountry: Type.Array(Type.Object({ country: Nullable(Type.String()), confirmed: Type.Integer(), attended: Type.Integer() })),
  byOrganisation: Type.Array(Type.Object({ organisation: Nullable(Type.String()), confirmed: Type.Integer(), attended: Type.Integer() }))
});

export const CancelEventBody = Type.Object({ reason: Type.Optional(Text(1000)) }, { additionalProperties: false });

export const CalendarFeedSchema = Type.Object({
  /** The personal feed's address, with its secret token: anyone holding it reads my registrations. */
  url: Type.String()
});

export const EventIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const RegistrationParams = Type.Object({ id: Uuid, registrationId: Uuid }, { additionalProperties: false });
export const FeedTokenParams = Type.Object({ token: Type.String({ pattern: '^[a-z0-9]{32}$' }) }, { additionalProperties: false });

export const CoverQuery = Type.Object(
  {
    v: Type.Optional(Type.String({ pattern: '^[0-9a-f]{12}$' })),
    size: Type.Optional(Type.Union(EVENT_COVER_WIDTHS.map((w) => Type.Literal(w))))
  },
  { additionalProperties: false }
);
