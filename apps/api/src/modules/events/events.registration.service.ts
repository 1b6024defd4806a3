import type { Tx } from '@mutirao/db';
import type { EventQuestion, RegisterInput } from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import { AppError, conflict, type FieldError } from '../../http/errors';
import { authorized } from './events.access';
import { afterChange, type EventsHub } from './events.changes';
import { promoteWhileSeatsFree } from './events.seats';
import * as repo from './events.repo';

/** Keeps the answers to this event's questions, and says which required ones are missing or not among the choices. */
function checkAnswers(questions: EventQuestion[], given: Record<string, string>): Record<string, string> {
  const errors: FieldError[] = [];
  const answers: Record<string, string> = {};
  for (const question of questions) {
    const value = (given[question.id] ?? '').trim();
    if (!value) {
      if (question.required) errors.push({ field: `body.answers.${question.id}`, code: 'required', message: 'this question needs an answer' });
      continue;
    }
    if (question.kind === 'choice' && !question.options?.includes(value)) {
      errors.push({ field: `body.answers.${question.id}`, code: 'not_a_choice', message: 'must be one of the choices' });
      continue;
    }
    answers[question.id] = value;
  }
  for (const key of Object.keys(given)) {
    if (!questions.some((q) => q.id === key)) errors.push({ field: `body.answers.${key}`, code: 'unknown_field', message: 'is not a question of this event' });
  }
  if (errors.length) throw new AppError(400, 'validation_failed', 'Some answers are missing or invalid.', errors);
  return answers;
}

/**
 * Registers the person: a seat if one is free and nobody waits ahead, otherwise
 * the end of the waitlist. One statement raises the event's counters (never read,
 * then written), which queues concurrent registrations on the event's row, and
 * writes the registration after it, so its `seq` follows that queue. Already
 * registered → 409, and the counters roll back with the transaction.
 */
export async function register(hub: EventsHub, actor: Actor | null, eventId: string, input: RegisterInput | undefined, now = new Date()) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const { event } = await authorized(tx, actor, eventId, 'view', { lock: false });
    if (event.status === 'cancelled') throw conflict('event_cancelled', 'The event was cancelled.');
    if (event.status !== 'published') throw new AppError(403, 'event_not_published', 'The event is not published yet.');
    const closesAt = event.registrationClosesAt ?? event.endsAt;
    if ((event.registrationOpensAt && now < event.registrationOpensAt) || now >= closesAt) {
      throw conflict('registration_closed', 'Registration is not open for this event.');
    }
    const answers = checkAnswers(event.questions, input?.answers ?? {});
    const existing = await repo.findRegistration(tx, eventId, actor.id);
    if (existing && existing.status !== 'cancelled') throw conflict('already_registered', 'You are already registered for this event.');

    // Everything the answer needs is read in the transaction, and before the seat is taken:
    // once this commits the request must not need the pool again (in a burst, that wait
    // could answer 503 for a registration that stands).
    const hosts = (await repo.hostsOf(tx, [eventId])).get(eventId) ?? [];
    // Said before the seat is taken: the live event is only heard once this commits, and the
    // event's row, locked from the seat on, is held for as few statements as possible.
    await afterChange(hub, tx, eventId, 'seats');
    const taken = await repo.registerInOneStatement(tx, { eventId, userId: actor.id, answers });
    // The event changed status after it was read (cancelled a moment ago).
    if (!taken) throw conflict('event_cancelled', 'The event is no longer open for registration.');
    // Thrown, so the counter raised by the same statement rolls back.
    if (!taken.registration) throw conflict('already_registered', 'You are already registered for this event.');
    const { registration, confirmedCount, waitlistCount } = taken;
    // The row is locked until commit and `seq` follows the lock: this person is last in line.
    return {
      registration,
      position: registration.status === 'waitlisted' ? waitlistCount : null,
      event: { ...event, confirmedCount, waitlistCount },
      hosts
    };
  }).catch((err: unknown) => {
    // Two requests from one person at once: the unique index keeps one, the other is told.
    if (repo.uniqueViolation(err) === 'event_registrations_event_user_key') {
      throw conflict('already_registered', 'You are already registered for this event.');
    }
    throw err;
  });
}

/**
 * Cancels my registration. A confirmed seat goes, in the same transaction, to
 * the first person waiting, who is told.
 */
export async function cancel(hub: EventsHub, actor: Actor | null, eventId: string) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    // The event's row first, as every seat change takes it: taking a registration's row
    // first could deadlock with a promotion that holds the event and wants that row.
    const { event } = await authorized(tx, actor, eventId, 'view', { lock: true });
    if (!(await cancelLocked(hub, tx, event, actor.id))) throw conflict('not_registered', 'You have no active registration for this event.');
    return (await repo.findRegistration(tx, eventId, actor.id))!;
  });
}

/**
 * The cancel itself, for a caller that holds the event's row (`lockEvent`): the
 * place is released and a freed seat goes to the first person waiting. False when
 * the person had no active registration. Account deletion uses it too.
 */
export async function cancelLocked(hub: EventsHub, tx: Tx, event: repo.EventRow, userId: string): Promise<boolean> {
  const before = await repo.cancelRegistration(tx, event.id, userId);
  if (!before) return false;
  await repo.releasePlace(tx, event.id, before.status === 'confirmed' ? 'confirmed' : 'waitlisted');
  if (event.status === 'published') await promoteWhileSeatsFree(hub, tx, event);
  await afterChange(hub, tx, event.id, 'seats');
  return true;
}
