import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { notificationSettings, notifications, signingKeys, users, type Db, type Tx } from '@mutirao/db';
import type { Locale } from '@mutirao/shared';
import { notificationKinds } from '@mutirao/shared';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

export async function insertNotification(tx: Tx, values: NewNotification): Promise<NotificationRow> {
  const [row] = await tx.insert(notifications).values(values).returning();
  return row;
}

// Rows of a kind this version no longer knows (written by a newer process during a
// rolling deploy, or a retired kind) are left out: the web could not render them.
const known = inArray(notifications.kind, notificationKinds);

export async function listForUser(tx: Tx, userId: string, options: { unreadOnly: boolean; page: number; pageSize: number }) {
  const where = and(eq(notifications.userId, userId), known, options.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [items, [{ total }]] = await Promise.all([
    tx
      .select()
      .from(notifications)
      .where(where)
      // Two made in one transaction share created_at: the id keeps the order stable across pages.
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    tx.select({ total: count() }).from(notifications).where(where)
  ]);
  return { items, total };
}

export async function countUnread(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), known));
  return row?.n ?? 0;
}

/** Marks this person's unread notifications (these ids, or all) read; returns how many changed. */
export async function markRead(tx: Tx, userId: string, ids: string[] | undefined): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        // The user id is part of the condition: another person's ids match nothing.
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined
      )
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** The kinds this person has turned mail off or on for; kinds without a row keep their default. */
export async function mailSettingsOf(tx: Tx, userId: string): Promise<Map<string, boolean>> {
  const rows = await tx
    .select({ kind: notificationSettings.kind, email: notificationSettings.email })
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, userId));
  return new Map(rows.map((r) => [r.kind, r.email]));
}

export async function mailSettingOf(tx: Tx, userId: string, kind: string): Promise<boolean | undefined> {
  const [row] = await tx
    .select({ email: notificationSettings.email })
    .from(notificationSettings)
    .where(and(eq(notificationSettings.userId, userId), eq(notificationSettings.kind, kind)))
    .limit(1);
  return row?.email;
}

export async function saveMailSettings(tx: Tx, userId: string, settings: { kind: string; email: boolean }[]): Promise<void> {
  if (settings.length === 0) return;
  await tx
    .insert(notificationSettings)
    .values(settings.map((s) => ({ userId, kind: s.kind, email: s.email })))
    .onConflictDoUpdate({
      target: [notificationSettings.userId, notificationSettings.kind],
      set: { email: sql`excluded.email`, updatedAt: sql`now()` }
    });
}

/** The newest few, for the home. */
export async function newestForUser(tx: Tx, userId: string, limit: number) {
  return tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), known))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function signingKey(tx: Tx | Db, purpose: string): Promise<string | undefined> {
  const [row] = await tx.select({ secret: signingKeys.secret }).from(signingKeys).where(eq(signingKeys.purpose, purpose)).limit(1);
  return row?.secret;
}

export async function insertSigningKey(tx: Tx | Db, purpose: string, secret: string): Promise<void> {
  await tx.insert(signingKeys).values({ purpose, secret }).onConflictDoNothing();
}

export async function localeOf(tx: Tx | Db, userId: string): Promise<Locale | undefined> {
  const [row] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.locale;
}

/** Who an unsubscribe link names: their address (to show it masked) and whether the account is still there. */
export async function mailRecipient(tx: Tx | Db, userId: string): Promise<{ email: string; deleted: boolean } | undefined> {
  const [row] = await tx.select({ email: users.email, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).limit(1);
  return row && { email: row.email, deleted: row.deletedAt !== null };
}
