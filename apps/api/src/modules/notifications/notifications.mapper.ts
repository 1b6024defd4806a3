import type { NotificationItem } from '@mutirao/shared';
import type { NotificationRow } from './notifications.repo';

/** What leaves the server: the kind, its data, and when it was made and read. */
export function toNotification(row: NotificationRow): NotificationItem {
  return {
    id: row.id,
    kind: row.kind,
    data: row.data,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString()
  } as NotificationItem;
}
