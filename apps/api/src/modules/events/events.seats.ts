import type { Tx } from '@mutirao/db';
import { notify, wantsMail } from '../notifications/notifications.service';
import { unsubscribable } from '../notifications/unsubscribe';
import { afterChange, queueMails, type EventsHub } from './events.changes';
import { eventMail, whenText } from './events.mail';
import * as repo from './events.repo';

/**
 * While a seat is free and someone waits, the first person waiting takes it:
 * each step is one conditional UPDATE of the event's counters (the row is then
 * locked by this transaction, so every waitlisted row counted has committed)
 * and the promotion of the lowest `seq`. The person is told in the app, live,
 * and by mail, all in this transaction. Returns who was promoted.
 */
export async function promoteWhileSeatsFree(hub: EventsHub, tx: Tx, event: repo.EventRow): Promise<repo.RegistrationRow[]> {
  const promoted: repo.RegistrationRow[] = [];
  while (await repo.seatFromWaitlist(tx, event.id)) {
    const row = await repo.promoteFirstWaiting(tx, event.id);
    if (!row) throw new Error(`event ${event.id}: the waitlist counter says someone waits, but no row does`);
    promoted.push(row);
    const person = await repo.findUser(tx, row.userId);
    await notify(hub, tx, row.userId, 'event.promoted', { eventId: event.id, title: event.title });
    if (person && (await wantsMail(tx, row.userId, 'event.promoted'))) {
      await queueMails(hub, tx, [
        await unsubscribable(
          hub,
          tx,
          row.userId,
          'event.promoted',
          eventMail('promoted', person, {
            name: person.name,
            title: event.title,
            link: `${hub.config.publicOrigin}/events/${event.id}`,
            when: whenText(event.startsAt, event.timeZone, person.locale)
          })
        )
      ]);
    }
  }
  if (promoted.length) await afterChange(hub, tx, event.id, 'seats');
  return promoted;
}
