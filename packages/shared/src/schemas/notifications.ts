import { Type, type Static, type TObject } from '@sinclair/typebox';
import { IsoDate, Uuid } from './common';

/**
 * In-app notifications: what a person is told about, with just enough data (ids,
 * slugs, names as they were, a reason) for the web to write a sentence in the
 * reader's language and link to the page concerned. A new kind is one entry here,
 * a `notify()` call in its service and a sentence in the web's notifications page.
 */
const OrganisationRef = {
  organisationId: Uuid,
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  name: Type.String({ minLength: 1, maxLength: 160 })
};
const EventRef = {
  eventId: Uuid,
  title: Type.String({ minLength: 1, maxLength: 200 })
};
const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const ThreadRef = {
  threadId: Uuid,
  postId: Uuid,
  postNumber: Type.Integer({ minimum: 1 }),
  title: Type.String({ minLength: 1, maxLength: 200 })
};
const PersonName = Type.String({ maxLength: 200 });
const ResourceRef = {
  resourceId: Uuid,
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  name: Type.String({ minLength: 1, maxLength: 300 })
};

export const notificationData = {
  /** To every coordinator and admin: an organisation applied and waits for review. */
  'organisation.applied': Type.Object({ ...OrganisationRef, applicantName: Type.String({ maxLength: 200 }) }),
  /** To the applicant: the organisation is now a member; they are its first admin. */
  'organisation.approved': Type.Object(OrganisationRef),
  'organisation.rejected': Type.Object({ ...OrganisationRef, reason: Reason }),
  /** To the organisation's admins. */
  'organisation.suspended': Type.Object({ ...OrganisationRef, reason: Reason }),
  'organisation.reinstated': Type.Object(OrganisationRef),
  /** To the organisation's admins: someone asked to join. */
  'organisation.join_requested': Type.Object({ ...OrganisationRef, requesterName: Type.String({ maxLength: 200 }) }),
  /** To the person who asked to join. */
  'organisation.join_approved': Type.Object(OrganisationRef),
  'organisation.join_declined': Type.Object(OrganisationRef),
  /** To people watching a thread, and to the author of the post replied to. */
  'discussion.reply': Type.Object({ ...ThreadRef, actorName: PersonName }),
  /** To a person @mentioned in a post. */
  'discussion.mention': Type.Object({ ...ThreadRef, actorName: PersonName }),
  /** To the author of the reply a question's asker (or a coordinator) accepted. */
  'discussion.accepted': Type.Object({ ...ThreadRef, actorName: PersonName }),
  /** To people watching the theme of a new thread. */
  'discussion.new_thread': Type.Object({ ...ThreadRef, actorName: PersonName }),
  /** To a person who was waiting: a seat became free and is now theirs. */
  'event.promoted': Type.Object(EventRef),
  /** To everyone registered or waiting: the event will not take place. */
  'event.cancelled': Type.Object(EventRef),
  /** To coordinators: an organisation's admin asks for an event to be published. */
  'event.submitted': Type.Object(EventRef),
  /** To a person the organisers listed as a speaker (at once when published, else at publication). */
  'event.speaker_added': Type.Object({ ...EventRef, talkTitle: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]) }),
  /** To the submitter of a library resource: the coordinators' decision (`name` is its title). */
  'resource.published': Type.Object(ResourceRef),
  'resource.changes_requested': Type.Object({ ...ResourceRef, reason: Reason }),
  'resource.rejected': Type.Object({ ...ResourceRef, reason: Reason })
} satisfies Record<string, TObject>;

export type NotificationKind = keyof typeof notificationData;
export const notificationKinds = Object.keys(notificationData) as NotificationKind[];

/**
 * Which kinds also go out by mail. In-app is always on; the person may turn the
 * mail of each of these off on their account page ("Notifications"). A new kind
 * needs an entry here (the type check says so), and the settings page lists it
 * without further change.
 */
export const notificationMail = {
  'organisation.applied': true,
  'organisation.approved': true,
  'organisation.rejected': true,
  'organisation.suspended': false,
  'organisation.reinstated': false,
  'organisation.join_requested': false,
  'organisation.join_approved': true,
  'organisation.join_declined': true,
  'discussion.reply': false,
  'discussion.mention': true,
  'discussion.accepted': true,
  'discussion.new_thread': false,
  'event.promoted': true,
  'event.cancelled': true,
  // Coordinators see submitted events on their home and in the listing.
  'event.submitted': false,
  // In the app only: the organisers usually tell their speakers themselves.
  'event.speaker_added': false,
  // The submitter of a library resource hears of each review decision.
  'resource.published': true,
  'resource.changes_requested': true,
  'resource.rejected': true
} as const satisfies Record<NotificationKind, boolean>;

/**
 * Mail that is not one notification: the daily digest of watched activity (new
 * replies in watched threads, new threads in watched themes, replies to me in
 * tracked threads), whose items stay in-app notifications of their own kinds.
 * On unless turned off, as Discourse's summary mail is.
 */
export const DIGEST_MAIL_KIND = 'discussion.digest';
/**
 * Mail without an in-app notification of its own: the digest, and the reminders
 * before an event one registered for. On unless turned off.
 */
export const mailOnlyKinds = [DIGEST_MAIL_KIND, 'event.reminder'] as const;
export type MailOnlyKind = (typeof mailOnlyKinds)[number];

/** What a person may turn mail on or off for (and unsubscribe from by a mail's link). */
export type MailSettingKind = NotificationKind | MailOnlyKind;

/** The kinds whose mail a person may turn on or off. */
export const mailedNotificationKinds: MailSettingKind[] = [...notificationKinds.filter((kind) => notificationMail[kind]), ...mailOnlyKinds];
export type NotificationDataOf<K extends NotificationKind> = Static<(typeof notificationData)[K]>;

const notificationOf = <K extends NotificationKind>(kind: K) =>
  Type.Object({
    id: Uuid,
    kind: Type.Literal(kind),
    data: notificationData[kind],
    readAt: Type.Union([IsoDate, Type.Null()]),
    createdAt: IsoDate
  });

/** One notification as the API returns it; `kind` tells the shape of `data`. */
export type NotificationItem = { [K in NotificationKind]: Static<ReturnType<typeof notificationOf<K>>> }[NotificationKind];
// A union built from a list loses which data goes with which kind; Unsafe restores that type (the schema is unchanged).
export const NotificationSchema = Type.Unsafe<NotificationItem>(Type.Union(notificationKinds.map(notificationOf)));

export const NOTIFICATIONS_PAGE_SIZE = 20;

export const NotificationsQuery = Type.Object(
  {
    /** Only the ones not read yet. */
    unread: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: NOTIFICATIONS_PAGE_SIZE }))
  },
  { additionalProperties: false }
);
export type NotificationsQueryInput = Static<typeof NotificationsQuery>;

export const NotificationListSchema = Type.Object({
  items: Type.Array(NotificationSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** Across all pages, whatever the filter: what the header shows. */
  unreadCount: Type.Integer()
});
export type NotificationList = Static<typeof NotificationListSchema>;

export const UnreadCountSchema = Type.Object({ unreadCount: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCountSchema>;

/** Marks these as read, or every one when `ids` is absent. Ids of other people's notifications change nothing. */
export const MarkNotificationsReadBody = Type.Object(
  { ids: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true })) },
  { additionalProperties: false }
);
export type MarkNotificationsReadInput = Static<typeof MarkNotificationsReadBody>;

export const MarkedReadSchema = Type.Object({ marked: Type.Integer(), unreadCount: Type.Integer() });
export type MarkedRead = Static<typeof MarkedReadSchema>;

const MailedKind = Type.Union(mailedNotificationKinds.map((kind) => Type.Literal(kind)));

/** For each kind that is mailed, whether this person gets the mail (in-app is always on). */
export const NotificationSettingsSchema = Type.Object({
  items: Type.Array(Type.Object({ kind: MailedKind, email: Type.Boolean() }))
});
export type NotificationSettings = Static<typeof NotificationSettingsSchema>;

/** The kinds whose mail this person wants; every other mailed kind is turned off. */
export const NotificationSettingsBody = Type.Object(
  { email: Type.Array(MailedKind, { maxItems: 100, uniqueItems: true }) },
  { additionalProperties: false }
);
export type NotificationSettingsInput = Static<typeof NotificationSettingsBody>;

/**
 * A mail's unsubscribe link: `<payload>.<signature>`, both base64url. The payload
 * names the person and the kind; the signature (HMAC-SHA-256 with the hub's key)
 * is what lets it work without a session.
 */
export const UnsubscribeParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false }
);

/** What the link turns off, shown before the press; the address is masked (`a•••@example.org`). */
export const UnsubscribeInfoSchema = Type.Object({
  kind: MailedKind,
  address: Type.String(),
  /** Whether this mail is on now: false when it was already turned off. */
  email: Type.Boolean()
});
export type UnsubscribeInfo = Static<typeof UnsubscribeInfoSchema>;

/**
 * RFC 8058's one-click body, `List-Unsubscribe=One-Click`, form-encoded (or
 * multipart). The token alone decides; the body is accepted as mail providers send it.
 */
export const UnsubscribeBody = Type.Object(
  { 'List-Unsubscribe': Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: true }
);
