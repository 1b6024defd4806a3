import type { Tx } from '@mutirao/db';
import type { EventSpeaker, SpeakersInput } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import { AppError, conflict, type FieldError } from '../../http/errors';
import { notify } from '../notifications/notifications.service';
import { visibleProfiles } from '../organisations/organisations.staff-profiles';
import { photoUrlOf } from '../people/people.mapper';
import { authorized } from './events.access';
import { afterChange, type EventsHub } from './events.changes';
import type { EventRow } from './events.repo';
import * as speakers from './events.speakers.repo';

/**
 * The event's speakers as this viewer may see them: every name (speaking at a public
 * event is public), and the photo and the profile link only where the people
 * domain's rule lets the viewer open the profile, so the page never links to a 404.
 */
export async function speakersFor(tx: Tx, viewer: Actor | null, eventId: string): Promise<EventSpeaker[]> {
  const rows = await speakers.speakersOf(tx, [eventId]);
  const visible = await visibleProfiles(tx, viewer, rows.map((r) => r.userId), false);
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    talkTitle: r.talkTitle,
    profileVisible: visible.has(r.userId),
    photoUrl: visible.has(r.userId) ? photoUrlOf(r.userId, r.photoKey) : null
  }));
}

/**
 * Tells the speakers not yet told, once each, in the change's transaction. Only
 * for a published event: a draft would answer them 404, so publishing tells them.
 * The person who listed themself is not told what they just did.
 */
export async function tellNewSpeakers(hub: EventsHub, tx: Tx, event: Pick<EventRow, 'id' | 'title' | 'status'>, actor: Actor | null, now = new Date()) {
  if (event.status !== 'published') return;
  for (const speaker of await speakers.claimUntoldSpeakers(tx, event.id, now)) {
    if (speaker.userId === actor?.id) continue;
    await notify(hub, tx, speaker.userId, 'event.speaker_added', { eventId: event.id, title: event.title, talkTitle: speaker.talkTitle });
  }
}

/**
 * Replaces the event's speakers (whoever may edit the event). Each person once,
 * each an account that exists; a blank talk title is none. Nothing is written
 * when one entry is wrong.
 */
export async function setSpeakers(hub: EventsHub, actor: Actor | null, id: string, input: SpeakersInput): Promise<EventSpeaker[]> {
  return hub.db.transaction(async (tx) => {
    const { event } = await authorized(tx, actor, id, 'edit', { lock: true });
    if (event.status === 'cancelled') throw conflict('event_cancelled', 'A cancelled event cannot be changed.');
    const list = input.speakers.map((s) => ({ userId: s.userId.toLowerCase(), talkTitle: s.talkTitle?.trim() || null }));
    const known = await speakers.liveAccounts(tx, list.map((s) => s.userId));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (!known.has(s.userId)) errors.push({ field: `body.speakers.${i}.userId`, code: 'not_found', message: 'no member of the hub has this id' });
      else if (seen.has(s.userId)) errors.push({ field: `body.speakers.${i}.userId`, code: 'duplicate', message: 'this person is already in the list' });
      seen.add(s.userId);
    });
    if (errors.length) throw new AppError(400, 'validation_failed', 'Some speakers are unknown or listed twice.', errors);
    await speakers.replaceSpeakers(tx, id, list);
    await tellNewSpeakers(hub, tx, event, actor);
    // Speakers' names are in the search document, and open event pages show the list.
    await afterChange(hub, tx, id, 'details');
    return speakersFor(tx, actor, id);
  });
}
