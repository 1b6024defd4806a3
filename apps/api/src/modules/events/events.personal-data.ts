// The events domain's part in the owner's data rights: registrations (with the
// answers given), the personal calendar feed and the events the person drafted in
// the export; on deletion their upcoming places are given up as any cancel would
// (the first person waiting is promoted and told), the feed stops working, and the
// answers go, and so do their places in speaker lists. Past registrations stay for
// the attendance figures. Speaking entries are in the export.
import type { Tx } from '@mutirao/db';
import type { Hub } from '../../hub';
import { cancelLocked } from './events.registration.service';
import * as repo from './events.repo';
import * as personal from './events.personal-data.repo';
import * as speakers from './events.speakers.repo';
import { afterChange } from './events.changes';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function exportEventData(hub: Pick<Hub, 'db'>, userId: string) {
  const [registrations, drafted, token, speaking] = await Promise.all([
    personal.registrationsOf(hub.db, userId),
    personal.eventsCreatedBy(hub.db, userId),
    repo.calendarToken(hub.db, userId),
    speakers.speakingOf(hub.db, userId)
  ]);
  return {
    registrations: registrations.map(({ registration: r, event }) => ({
      event: { id: event.id, title: event.title, startsAt: event.startsAt.toISOString() },
      status: r.status,
      // Each answer beside the question it answers, as the person saw it.
      answers: Object.entries(r.answers).map(([id, answer]) => ({ question: event.questions.find((q) => q.id === id)?.label ?? id, answer })),
      registeredAt: r.createdAt.toISOString(),
      promotedAt: iso(r.promotedAt),
      checkedInAt: iso(r.checkedInAt),
      cancelledAt: iso(r.cancelledAt)
    })),
    calendarFeedToken: token ?? null,
    speaking: speaking.map((s) => ({
      event: { id: s.eventId, title: s.title, status: s.status, startsAt: s.startsAt.toISOString() },
      talkTitle: s.talkTitle,
      listedAt: s.addedAt.toISOString()
    })),
    eventsCreated: drafted.map((e) => ({ ...e, startsAt: e.startsAt.toISOString(), createdAt: e.createdAt.toISOString() }))
  };
}

export async function eraseEventData(hub: Hub, tx: Tx, userId: string, now = new Date()): Promise<void> {
  for (const eventId of await personal.upcomingActiveEventIds(tx, userId, now)) {
    // The event's row first, as every seat change takes it.
    const event = await repo.lockEvent(tx, eventId);
    if (event) await cancelLocked(hub, tx, event, userId);
  }
  await personal.clearAnswersOf(tx, userId);
  await personal.deleteCalendarToken(tx, userId);
  // Removed rather than kept under the former member's name: a speaker list names
  // people, and "a former member" speaking says nothing to anyone. The events'
  // search documents and open pages follow.
  for (const eventId of await speakers.removeSpeakerEverywhere(tx, userId)) await afterChange(hub, tx, eventId, 'details');
}
