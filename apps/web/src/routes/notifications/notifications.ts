import type { NotificationItem } from '@mutirao/shared';
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
  const profile = `/organisations/${encodeURIComponent(notification.data.slug)}`;
  const name = notification.data.name;
  switch (notification.kind) {
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

function unknownKind(notification: never): never {
  throw new Error(`no sentence for notification kind ${(notification as { kind: string }).kind}`);
}
