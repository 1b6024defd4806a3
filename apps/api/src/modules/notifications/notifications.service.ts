import type { Tx } from '@mutirao/db';
import {
  NOTIFICATIONS_PAGE_SIZE,
  mailOnlyKinds,
  mailedNotificationKinds,
  notificationMail,
  type HomeSection,
  type MailSettingKind,
  type UnsubscribeInfo,
  type NotificationSettings,
  type MarkedRead,
  type NotificationDataOf,
  type NotificationKind,
  type NotificationList,
  type NotificationsQueryInput
} from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import { AppError } from '../../http/errors';
import { toNotification } from './notifications.mapper';
import * as repo from './notifications.repo';
import { readUnsubscribeToken } from './unsubscribe';

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

/**
 * Whether a mail of this kind may go to this person: the kind is one that is mailed
 * and they have not turned it off. Asked in the transaction that enqueues the mail,
 * so a mail job exists only for someone who wants it.
 */
export async function wantsMail(tx: Tx, userId: string, kind: MailSettingKind): Promise<boolean> {
  if (!(mailOnlyKinds as readonly string[]).includes(kind) && !notificationMail[kind as NotificationKind]) return false;
  return (await repo.mailSettingOf(tx, userId, kind)) ?? true;
}

export async function mailSettings(hub: Pick<Hub, 'db'>, actor: Actor | null): Promise<NotificationSettings> {
  requireActor(actor);
  const saved = await repo.mailSettingsOf(hub.db, actor.id);
  return { items: mailedNotificationKinds.map((kind) => ({ kind, email: saved.get(kind) ?? true })) };
}

/** Mail on for the kinds listed, off for every other mailed kind. */
export async function updateMailSettings(hub: Pick<Hub, 'db'>, actor: Actor | null, email: readonly MailSettingKind[]) {
  requireActor(actor);
  const on = new Set(email);
  await hub.db.transaction((tx) =>
    repo.saveMailSettings(tx, actor.id, mailedNotificationKinds.map((kind) => ({ kind, email: on.has(kind) })))
  );
  return mailSettings(hub, actor);
}

/** `ana@example.org` → `a•••@example.org`: enough to recognise one's own address, not to learn someone's. */
function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}

async function unsubscribeTarget(hub: Pick<Hub, 'db'>, token: string) {
  const named = await readUnsubscribeToken(hub, token);
  const recipient = named && (await repo.mailRecipient(hub.db, named.userId));
  // A deleted account's links stop working like altered ones: nobody is mailed any more.
  if (!named || !recipient || recipient.deleted) {
    throw new AppError(400, 'invalid_unsubscribe_link', 'This unsubscribe link is incomplete or was altered; nothing was changed.');
  }
  return { ...named, address: maskAddress(recipient.email) };
}

/** What a mail's unsubscribe link would turn off. Changes nothing: mail scanners open links. */
export async function unsubscribeInfo(hub: Pick<Hub, 'db'>, token: string): Promise<UnsubscribeInfo> {
  const target = await unsubscribeTarget(hub, token);
  return { kind: target.kind, address: target.address, email: await wantsMail(hub.db, target.userId, target.kind) };
}

/** Turns off the kind of mail the link names, for the person it names; no session needed, and twice is harmless. */
export async function unsubscribe(hub: Pick<Hub, 'db'>, token: string): Promise<UnsubscribeInfo> {
  const target = await unsubscribeTarget(hub, token);
  await hub.db.transaction((tx) => repo.saveMailSettings(tx, target.userId, [{ kind: target.kind, email: false }]));
  return { kind: target.kind, address: target.address, email: false };
}

const HOME_ITEMS = 5;

/** Where a notification leads, as the notifications page links it. */
function pageOf(kind: string, slug: string | undefined): string {
  if (kind === 'organisation.applied') return '/admin/organisations';
  if (kind === 'organisation.rejected') return '/organisations/mine';
  if (kind === 'resource.rejected') return '/library/mine';
  if (!slug) return '/notifications';
  if (kind.startsWith('resource.')) return `/library/${encodeURIComponent(slug)}`;
  const profile = `/organisations/${encodeURIComponent(slug)}`;
  return kind === 'organisation.join_requested' ? `${profile}/manage` : profile;
}

/**
 * The home's "recent notifications": the newest few, each linking to what it is about
 * (its organisation's page), with the unread count as the section's total.
 */
export async function homeSections(hub: Pick<Hub, 'db'>, actor: Actor): Promise<HomeSection[]> {
  const [rows, unread] = await Promise.all([repo.newestForUser(hub.db, actor.id, HOME_ITEMS), repo.countUnread(hub.db, actor.id)]);
  if (rows.length === 0) return [];
  return [
    {
      key: 'recentNotifications',
      total: unread,
      href: '/notifications',
      items: rows.map((row) => {
        const data = row.data as { slug?: string; name?: string; title?: string; threadId?: string; postNumber?: number };
        // Discussion notifications name a thread and a post rather than an organisation.
        const href = data.threadId ? `/discussions/${data.threadId}?post=${data.postNumber ?? 1}#post-${data.postNumber ?? 1}` : pageOf(row.kind, data.slug);
        return { title: String(data.name ?? data.title ?? '').slice(0, 300) || '—', href, at: row.createdAt.toISOString() };
      })
    }
  ];
}
