import type { Tx } from '@mutirao/db';
import { defineJobKind } from '../../jobs/job-kind';
import { queueMail } from '../../jobs/mail.job';
import type { JobRunner } from '../../jobs/runner';
import type { RuntimeHub } from '../../module';
import { wantsMail } from '../notifications/notifications.service';
import { unsubscribable } from '../notifications/unsubscribe';
import type { EventsHub } from './events.changes';
import { eventMail, whenText } from './events.mail';
import * as repo from './events.repo';

export interface ReminderPayload {
  eventId: string;
  minutesBefore: number;
  /** The start this reminder was scheduled for: a moved event has new jobs, and this one does nothing. */
  startsAt: string;
}

/**
 * One reminder of one event, due `minutesBefore` its start: a pg-boss job with
 * `startAfter`, so it waits in Postgres across restarts and one process claims it.
 */
export const EVENT_REMINDER = defineJobKind<ReminderPayload>('events.reminder', {
  describe: (p) => `reminder ${p.minutesBefore} min before event ${p.eventId}`,
  retryLimit: 5
});

/**
 * Schedules the event's reminders for its current start. Called when it is
 * published and whenever its start or its reminder settings change; the jobs
 * for an earlier schedule find it changed and do nothing. Reminders already due
 * (an event published an hour before it starts) are not sent late.
 */
export async function scheduleReminders(hub: EventsHub, tx: Tx, event: repo.EventRow, now = new Date()) {
  if (!hub.jobs || event.status !== 'published') return;
  for (const minutesBefore of event.reminderMinutes) {
    const due = new Date(event.startsAt.getTime() - minutesBefore * 60_000);
    if (due <= now) continue;
    await hub.jobs.enqueue(tx, EVENT_REMINDER, { eventId: event.id, minutesBefore, startsAt: event.startsAt.toISOString() }, { startAfter: due });
  }
}

/**
 * Mails the reminder to every confirmed attendee who has not had it. The rows in
 * `event_reminders_sent` and the mail jobs are written in one transaction: a
 * retry, or a second process running the same job, finds the rows and mails nobody twice.
 */
export async function sendReminder(hub: Pick<RuntimeHub, 'db' | 'config' | 'jobs'>, payload: ReminderPayload): Promise<number> {
  return hub.db.transaction(async (tx) => {
    const event = await repo.findEvent(tx, payload.eventId);
    if (!event || event.status !== 'published') return 0;
    if (event.startsAt.toISOString() !== payload.startsAt || !event.reminderMinutes.includes(payload.minutesBefore)) return 0;
    const people = await repo.claimReminders(tx, event.id, payload.minutesBefore, event.startsAt);
    const link = `${hub.config.publicOrigin}/events/${event.id}`;
    for (const person of people) {
      // Reminders are a mail setting of their own (and each carries its unsubscribe link).
      if (!(await wantsMail(tx, person.id, 'event.reminder'))) continue;
      await queueMail(
        hub,
        tx,
        await unsubscribable(
          hub,
          tx,
          person.id,
          'event.reminder',
          eventMail('reminder', { email: person.email, locale: person.locale }, {
            name: person.name,
            title: event.title,
            link,
            when: whenText(event.startsAt, event.timeZone, person.locale),
            minutes: payload.minutesBefore
          })
        )
      );
    }
    return people.length;
  });
}

export function handleReminders(jobs: JobRunner, hub: RuntimeHub) {
  jobs.handle(EVENT_REMINDER, async (payload) => {
    await sendReminder(hub, payload);
  });
}
