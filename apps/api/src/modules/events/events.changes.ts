import type { Tx } from '@mutirao/db';
import type { Hub } from '../../hub';
import type { OutgoingMail } from '../../infra/mail';
import { queueMail } from '../../jobs/mail.job';
import { EVENTS_INDEX } from './events.search';

/**
 * What the event services need. The job queue and the log are optional so the
 * demo seed (which mails nobody) can use the same rules.
 */
export type EventsHub = Pick<Hub, 'db' | 'config' | 'search' | 'live'> & Partial<Pick<Hub, 'jobs' | 'log'>>;

/**
 * After any change to an event or its seats, in the change's transaction: the
 * search outbox row (details) and `event.updated` on `event:<id>`, so open event
 * pages re-read the seats left and the waitlist.
 */
export async function afterChange(hub: EventsHub, tx: Tx, eventId: string, change: 'details' | 'seats') {
  if (change === 'details') await hub.search.enqueue(tx, EVENTS_INDEX, eventId, 'upsert');
  await hub.live.publish(tx, { topic: `event:${eventId}`, type: 'event.updated', id: eventId });
}

export async function queueMails(hub: EventsHub, tx: Tx, mails: OutgoingMail[]) {
  if (!hub.jobs) return;
  for (const mail of mails) await queueMail({ jobs: hub.jobs }, tx, mail);
}
