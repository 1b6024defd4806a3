import { desc, eq } from 'drizzle-orm';
import { notificationDigests, notifications, type Tx } from '@mutirao/db';

export async function notificationsOf(tx: Tx, userId: string) {
  return tx
    .select({ kind: notifications.kind, data: notifications.data, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt));
}

export async function deleteNotificationsOf(tx: Tx, userId: string): Promise<void> {
  await tx.delete(notifications).where(eq(notifications.userId, userId));
  // Nobody is digested any more; the row only said up to when.
  await tx.delete(notificationDigests).where(eq(notificationDigests.userId, userId));
}
