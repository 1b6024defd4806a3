import type { EventFollowUp } from '@mutirao/shared';
import type { Tx } from '@mutirao/db';
import type { Actor } from '../../auth/can';
import { AppError } from '../../http/errors';
import { authorizedThread } from '../discussions/discussions.access';
import { authorized } from './events.access';
import { afterChange, type EventsHub } from './events.changes';
import * as repo from './events.repo';

/**
 * The thread as anyone may read it, or undefined: the event page is public, so a
 * thread a visitor could not open (hidden, removed, gone) is never linked.
 */
async function readableThread(tx: Tx, threadId: string) {
  try {
    return (await authorizedThread(tx, null, threadId, 'view', { lock: false })).thread;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return undefined;
    throw err;
  }
}

/** The follow-up block of the event page: the thread, while anyone may read it. */
export async function followUpOf(tx: Tx, event: Pick<repo.EventRow, 'followUpThreadId'>): Promise<EventFollowUp> {
  const thread = event.followUpThreadId ? await readableThread(tx, event.followUpThreadId) : undefined;
  return { thread: thread ? { id: thread.id, title: thread.title } : null };
}

/** Organisers (coordinators, admins of a hosting organisation) link a readable thread, or unlink it with null. */
export async function setFollowUp(hub: EventsHub, actor: Actor | null, id: string, threadId: string | null): Promise<EventFollowUp> {
  return hub.db.transaction(async (tx) => {
    await authorized(tx, actor, id, 'manageAttendees', { lock: true });
    if (threadId && !(await readableThread(tx, threadId))) {
      throw new AppError(400, 'validation_failed', 'Some fields are missing or invalid.', [
        { field: 'body.threadId', code: 'not_found', message: 'no thread anyone may read has this id' }
      ]);
    }
    const event = await repo.updateEvent(tx, id, { followUpThreadId: threadId });
    await afterChange(hub, tx, id, 'details');
    return followUpOf(tx, event);
  });
}
