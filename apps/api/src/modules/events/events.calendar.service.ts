import { randomBytes } from 'node:crypto';
import { requireActor, type Actor } from '../../auth/can';
import { notFound } from '../../http/errors';
import type { Hub } from '../../hub';
import { authorized } from './events.access';
import { buildCalendar, type IcsEvent } from './events.ics';
import * as repo from './events.repo';

/** 32 characters of [a-z0-9]: 160 bits, nothing to guess. */
const newToken = () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((b) => alphabet[b % 36]).join('');
};

const asIcs = (row: repo.EventRow): IcsEvent => ({ ...row });

/** One event's file. A cancelled one is sent as METHOD:CANCEL with STATUS:CANCELLED, so a calendar removes it. */
export async function eventIcs(hub: Pick<Hub, 'db' | 'config'>, actor: Actor | null, id: string): Promise<string> {
  const { event } = await authorized(hub.db, actor, id, 'view', { lock: false });
  return buildCalendar([asIcs(event)], { origin: hub.config.publicOrigin, method: event.status === 'cancelled' ? 'CANCEL' : 'PUBLISH' });
}

const feedWindow = () => new Date(Date.now() - 90 * 86_400_000);

/** Every published event of the last 90 days and after; cancelled ones stay in it, marked cancelled. */
export async function publicFeed(hub: Pick<Hub, 'db' | 'config'>): Promise<string> {
  const rows = await repo.feedEvents(hub.db, feedWindow());
  return buildCalendar(rows.map(asIcs), { origin: hub.config.publicOrigin, name: 'Mutirão' });
}

export async function personalFeed(hub: Pick<Hub, 'db' | 'config'>, token: string): Promise<string> {
  const userId = await repo.userForCalendarToken(hub.db, token);
  if (!userId) throw notFound('No such calendar.');
  const rows = await repo.myFeedEvents(hub.db, userId, feedWindow());
  return buildCalendar(rows.map(asIcs), { origin: hub.config.publicOrigin, name: 'Mutirão' });
}

const feedUrl = (hub: Pick<Hub, 'config'>, token: string) => `${hub.config.publicOrigin}/api/calendar/personal/${token}`;

export async function myFeed(hub: Pick<Hub, 'db' | 'config'>, actor: Actor | null) {
  requireActor(actor);
  const token = (await repo.calendarToken(hub.db, actor.id)) ?? (await repo.putCalendarToken(hub.db, actor.id, newToken(), false));
  return { url: feedUrl(hub, token) };
}

/** A new secret address: the old one answers 404 from now on. */
export async function resetFeed(hub: Pick<Hub, 'db' | 'config'>, actor: Actor | null) {
  requireActor(actor);
  return { url: feedUrl(hub, await repo.putCalendarToken(hub.db, actor.id, newToken(), true)) };
}
