import type { MailSettingKind, NotificationItem } from '@mutirao/shared';
import { m } from '$lib/paraglide/messages';

/** What a notification says, in the reader's language, where it leads, and the coordinator's reason if any. */
export interface NotificationView {
  sentence: string;
  href: string;
  reason?: string;
}

/**
 * One sentence per kind. A kind added in packages/shared without a case here fails
 * the type check (the switch must be exhaustive), so none shows up blank.
 */
export function describeNotification(notification: NotificationItem): NotificationView {
  if (
    notification.kind === 'event.promoted' ||
    notification.kind === 'event.cancelled' ||
    notification.kind === 'event.submitted' ||
    notification.kind === 'event.speaker_added'
  ) {
    return describeEventNotification(notification);
  }
  switch (notification.kind) {
    case 'discussion.reply':
    case 'discussion.mention':
    case 'discussion.accepted':
    case 'discussion.new_thread': {
      const { threadId, postNumber, title, actorName } = notification.data;
      const person = actorName || m.notif_someone();
      const href = `/discussions/${threadId}?post=${postNumber}#post-${postNumber}`;
      const sentence =
        notification.kind === 'discussion.reply'
          ? m.notif_discussion_reply({ person, title })
          : notification.kind === 'discussion.mention'
            ? m.notif_discussion_mention({ person, title })
            : notification.kind === 'discussion.accepted'
              ? m.notif_discussion_accepted({ person, title })
              : m.notif_discussion_new_thread({ person, title });
      return { sentence, href };
    }
    default:
      return describeOrganisationNotification(notification);
  }
}

function describeOrganisationNotification(notification: Exclude<NotificationItem, { kind: `discussion.${string}` | `event.${string}` }>): NotificationView {
  const profile = `/organisations/${encodeURIComponent(notification.data.slug)}`;
  const name = notification.data.name;
  switch (notification.kind) {
    case 'organisation.applied':
      return {
        sentence: m.notif_organisation_applied({ name, person: notification.data.applicantName || m.notif_someone() }),
        href: '/admin/organisations'
      };
    case 'organisation.approved':
      return { sentence: m.notif_organisation_approved({ name }), href: profile };
    case 'organisation.rejected':
      return { sentence: m.notif_organisation_rejected({ name }), href: '/organisations/mine', reason: notification.data.reason };
    case 'organisation.suspended':
      return { sentence: m.notif_organisation_suspended({ name }), href: profile, reason: notification.data.reason };
    case 'organisation.reinstated':
      return { sentence: m.notif_organisation_reinstated({ name }), href: profile };
    case 'organisation.join_requested':
      return {
        sentence: m.notif_organisation_join_requested({ name, person: notification.data.requesterName || m.notif_someone() }),
        href: `${profile}/manage`
      };
    case 'organisation.join_approved':
      return { sentence: m.notif_organisation_join_approved({ name }), href: profile };
    case 'organisation.join_declined':
      return { sentence: m.notif_organisation_join_declined({ name }), href: profile };
    case 'resource.published':
      return { sentence: m.notif_resource_published({ name }), href: `/library/${encodeURIComponent(notification.data.slug)}` };
    case 'resource.changes_requested':
      return { sentence: m.notif_resource_changes_requested({ name }), href: `/library/${encodeURIComponent(notification.data.slug)}`, reason: notification.data.reason };
    case 'resource.rejected':
      return { sentence: m.notif_resource_rejected({ name }), href: '/library/mine', reason: notification.data.reason };
    default:
      return unknownKind(notification);
  }
}

type EventNotification = Extract<NotificationItem, { kind: `event.${string}` }>;

function describeEventNotification(notification: EventNotification): NotificationView {
  const href = `/events/${encodeURIComponent(notification.data.eventId)}`;
  const title = notification.data.title;
  switch (notification.kind) {
    case 'event.promoted':
      return { sentence: m.notif_event_promoted({ title }), href };
    case 'event.cancelled':
      return { sentence: m.notif_event_cancelled({ title }), href };
    case 'event.submitted':
      return { sentence: m.notif_event_submitted({ title }), href };
    case 'event.speaker_added':
      return { sentence: m.notif_event_speaker_added({ title }), href };
    default:
      return unknownKind(notification);
  }
}

function unknownKind(notification: never): never {
  throw new Error(`no sentence for notification kind ${(notification as { kind: string }).kind}`);
}

/**
 * What each kind is about, for the account page's notification settings. Keyed by
 * every kind, so a kind added in packages/shared without a label fails the type check.
 */
export const notificationKindLabels: Record<MailSettingKind, () => string> = {
  'organisation.applied': m.notifset_kind_organisation_applied,
  'organisation.approved': m.notifset_kind_organisation_approved,
  'organisation.rejected': m.notifset_kind_organisation_rejected,
  'organisation.suspended': m.notifset_kind_organisation_suspended,
  'organisation.reinstated': m.notifset_kind_organisation_reinstated,
  'organisation.join_requested': m.notifset_kind_organisation_join_requested,
  'organisation.join_approved': m.notifset_kind_organisation_join_approved,
  'organisation.join_declined': m.notifset_kind_organisation_join_declined,
  'discussion.reply': m.notifset_kind_discussion_reply,
  'discussion.mention': m.notifset_kind_discussion_mention,
  'discussion.accepted': m.notifset_kind_discussion_accepted,
  'discussion.new_thread': m.notifset_kind_discussion_new_thread,
  'event.promoted': m.notifset_kind_event_promoted,
  'event.cancelled': m.notifset_kind_event_cancelled,
  'event.submitted': m.notifset_kind_event_submitted,
  'event.speaker_added': m.notifset_kind_event_speaker_added,
  'resource.published': m.notifset_kind_resource_published,
  'resource.changes_requested': m.notifset_kind_resource_changes_requested,
  'resource.rejected': m.notifset_kind_resource_rejected,
  'discussion.digest': m.notifset_kind_discussion_digest,
  'event.reminder': m.notifset_kind_event_reminder
};
