import { and, asc, count, desc, eq, gt, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import { eventSpeakers, events, peopleProfiles, users, type Tx } from '@mutirao/db';
import type { EventRow } from './events.repo';

export type SpeakerRow = typeof eventSpeakers.$inferSelect;

/** Each event's speakers in the organisers' order, with what the page and the profile rule need of the person. */
export async function speakersOf(tx: Tx, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return tx
    .select({
      eventId: eventSpeakers.eventId,
      userId: eventSpeakers.userId,
      talkTitle: eventSpeakers.talkTitle,
      notifiedAt: eventSpeakers.notifiedAt,
      name: users.name,
      emailVerifiedAt: users.emailVerifiedAt,
      visibility: peopleProfiles.visibility,
      photoKey: peopleProfiles.photoKey
    })
    .from(eventSpeakers)
    .innerJoin(users, eq(users.id, eventSpeakers.userId))
    .leftJoin(peopleProfiles, eq(peopleProfiles.userId, eventSpeakers.userId))
    .where(inArray(eventSpeakers.eventId, eventIds))
    .orderBy(asc(eventSpeakers.eventId), asc(eventSpeakers.position));
}

/** Those of `userIds` whose accounts exist and are not deleted: who may be listed as a speaker. */
export async function liveAccounts(tx: Tx, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, userIds), isNull(users.deletedAt)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Makes the event's speakers exactly this list, in this order. People already
 * listed keep their row (and so whether they were told); people left out go.
 */
export async function replaceSpeakers(tx: Tx, eventId: string, list: { userId: string; talkTitle: string | null }[]): Promise<void> {
  const keep = list.map((s) => s.userId);
  await tx
    .delete(eventSpeakers)
    .where(and(eq(eventSpeakers.eventId, eventId), keep.length ? notInArray(eventSpeakers.userId, keep) : sql`true`));
  if (list.length === 0) return;
  await tx
    .insert(eventSpeakers)
    .values(list.map((s, position) => ({ eventId, userId: s.userId, talkTitle: s.talkTitle, position })))
    .onConflictDoUpdate({
      target: [eventSpeakers.eventId, eventSpeakers.userId],
      set: { position: sql`excluded.position`, talkTitle: sql`excluded.talk_title` }
    });
}

/** Marks the speakers not yet told as told, and returns them: each is told once, whoever publishes twice. */
export async function claimUntoldSpeakers(tx: Tx, eventId: string, now: Date) {
  return tx
    .update(eventSpeakers)
    .set({ notifiedAt: now })
    .where(and(eq(eventSpeakers.eventId, eventId), isNull(eventSpeakers.notifiedAt)))
    .returning({ userId: eventSpeakers.userId, talkTitle: eventSpeakers.talkTitle });
}

/** Published events this person speaks at, upcoming (soonest first) or past (latest first). */
export async function eventsSpokenBy(tx: Tx, userId: string, when: 'upcoming' | 'past', now: Date, limit: number): Promise<{ rows: { event: EventRow; talkTitle: string | null }[]; total: number }> {
  const where = and(eq(eventSpeakers.userId, userId), eq(events.status, 'published'), when === 'upcoming' ? gt(events.endsAt, now) : lte(events.endsAt, now));
  const [rows, [counted]] = await Promise.all([
    tx
      .select({ event: events, talkTitle: eventSpeakers.talkTitle })
      .from(eventSpeakers)
      .innerJoin(events, eq(events.id, eventSpeakers.eventId))
      .where(where)
      .orderBy(when === 'upcoming' ? asc(events.startsAt) : desc(events.startsAt))
      .limit(limit),
    tx.select({ n: count() }).from(eventSpeakers).innerJoin(events, eq(events.id, eventSpeakers.eventId)).where(where)
  ]);
  return { rows, total: counted.n };
}

/** Every event the person was listed to speak at, whatever its status: their export. */
export function speakingOf(tx: Tx, userId: string) {
  return tx
    .select({ eventId: events.id, title: events.title, status: events.status, startsAt: events.startsAt, talkTitle: eventSpeakers.talkTitle, addedAt: eventSpeakers.addedAt })
    .from(eventSpeakers)
    .innerJoin(events, eq(events.id, eventSpeakers.eventId))
    .where(eq(eventSpeakers.userId, userId))
    .orderBy(asc(events.startsAt));
}

/** Removes the person from every speaker list; returns the events whose lists changed. */
export async function removeSpeakerEverywhere(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.delete(eventSpeakers).where(eq(eventSpeakers.userId, userId)).returning({ eventId: eventSpeakers.eventId });
  return rows.map((r) => r.eventId);
}
