import { and, asc, eq, gt, ne } from 'drizzle-orm';
import { eventCalendarTokens, eventRegistrations, events, type Tx } from '@mutirao/db';

export function registrationsOf(tx: Tx, userId: string) {
  return tx
    .select({ registration: eventRegistrations, event: { id: events.id, title: events.title, startsAt: events.startsAt, questions: events.questions } })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.userId, userId))
    .orderBy(asc(events.startsAt));
}

export function eventsCreatedBy(tx: Tx, userId: string) {
  return tx
    .select({ id: events.id, title: events.title, status: events.status, startsAt: events.startsAt, createdAt: events.createdAt })
    .from(events)
    .where(eq(events.createdBy, userId))
    .orderBy(asc(events.createdAt));
}

/** Events not yet over where the person holds a seat or waits, in id order (the order their rows are locked in). */
export async function upcomingActiveEventIds(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const rows = await tx
    .select({ id: events.id })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(eq(eventRegistrations.userId, userId), ne(eventRegistrations.status, 'cancelled'), gt(events.endsAt, now)))
    .orderBy(asc(events.id));
  return rows.map((r) => r.id);
}

/** Answers may say what a person needs (diet, access): they go, the attendance record stays. */
export async function clearAnswersOf(tx: Tx, userId: string): Promise<void> {
  await tx.update(eventRegistrations).set({ answers: {} }).where(eq(eventRegistrations.userId, userId));
}

export async function deleteCalendarToken(tx: Tx, userId: string): Promise<void> {
  await tx.delete(eventCalendarTokens).where(eq(eventCalendarTokens.userId, userId));
}
