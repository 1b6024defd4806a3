import type { Tx } from '@mutirao/db';
import {
  NOTIFICATIONS_PAGE_SIZE,
  type MarkedRead,
  type NotificationDataOf,
  type NotificationKind,
  type NotificationList,
  type NotificationsQueryInput
} from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import { toNotification } from './notifications.mapper';
import * as repo from './notifications.repo';

/**
 * Tells a person something in the app. Call it inside the transaction that makes
 * the change: the row and the live event (`notification.created` on `user:<id>`)
 * exist only if that transaction commits, and open pages hear of it only then.
 */
export async function notify<K extends NotificationKind>(
  hub: Pick<Hub, 'live'>,
  tx: Tx,
  userId: string,
  kind: K,
  data: NotificationDataOf<K>
) {
  const row = await repo.insertNotification(tx, { userId, kind, data });
  await hub.live.publish(tx, { topic: `user:${userId}`, type: 'notification.created', id: row.id });
  return row;
}

/** The signed-in person's notifications, newest first, with the unread count for the header. */
export async function listNotifications(
  hub: Pick<Hub, 'db'>,
  actor: Actor | null,
  query: NotificationsQueryInput
): Promise<NotificationList> {
  requireActor(actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? NOTIFICATIONS_PAGE_SIZE;
  const [{ items, total }, unreadCount] = await Promise.all([
    repo.listForUser(hub.db, actor.id, { unreadOnly: query.unread === true, page, pageSize }),
    repo.countUnread(hub.db, actor.id)
  ]);
  return { items: items.map(toNotification), total, page, pageSize, unreadCount };
}

export async function unreadCount(hub: Pick<Hub, 'db'>, actor: Actor | null): Promise<number> {
  requireActor(actor);
  return repo.countUnread(hub.db, actor.id);
}

/**
 * Marks the person's own notifications read: these ids, or all of them. Ids that
 * are not theirs (or do not exist) are passed over without saying which, so the
 * answer reveals nothing about other people's notifications.
 */
export async function markRead(hub: Pick<Hub, 'db'>, actor: Actor | null, ids: string[] | undefined): Promise<MarkedRead> {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const marked = await repo.markRead(tx, actor.id, ids);
    return { marked, unreadCount: await repo.countUnread(tx, actor.id) };
  });
}
