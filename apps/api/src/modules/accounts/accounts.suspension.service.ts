import type { SuspendInput, SuspensionRecord } from '@mutirao/shared';
import { authorize, mayModerateAccount, type Actor } from '../../auth/can';
import { invalidateUserSessions } from '../../auth/sessions.service';
import { activeSuspension, type ActiveSuspension } from '../../auth/suspension';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import type { Hub } from '../../hub';
import { queueMail } from '../../jobs/mail.job';
import { SUSPENSION_END, type SuspensionEndJob } from './accounts.jobs';
import { suspensionMail } from './accounts.suspension.mail';
import * as repo from './accounts.suspension.repo';

/** The people directory's index name (people.search.ts); accounts do not import the people module. */
const PEOPLE_INDEX = 'people';

/** The sign-in refusal: until when and why, for the person who just gave the right password. */
export function suspendedProblem(suspension: ActiveSuspension): AppError {
  const until = suspension.until?.toISOString() ?? null;
  return new AppError(
    403,
    'account_suspended',
    until ? `This account is suspended until ${until}. Reason: ${suspension.reason}` : `This account is suspended. Reason: ${suspension.reason}`,
    undefined,
    undefined,
    { suspension: { until, reason: suspension.reason } }
  );
}

/** Loads the account for a moderator's action, locked, and applies the rules: not oneself, only a lower role. */
async function moderatedAccount(tx: Parameters<typeof repo.lockUser>[0], actor: Actor, userId: string) {
  if (userId === actor.id) throw new AppError(403, 'cannot_suspend_self', 'You cannot suspend or reinstate your own account.');
  const target = await repo.lockUser(tx, userId);
  if (!target || target.deletedAt) throw notFound('No such user.');
  if (!mayModerateAccount(actor, target.role)) {
    throw new AppError(403, 'cannot_suspend_role', 'Coordinators suspend members only, admins members and coordinators; nobody suspends an admin.');
  }
  return target;
}

/**
 * Suspends an account until `until` (null: until reinstated). In one transaction: the
 * history row (a suspension in force is replaced, marked lifted by this moderator), the
 * account's columns, every session ended (their websockets close once this commits),
 * the directory document, the mail to the person and the job that ends it.
 */
export async function suspendUser(hub: Hub, actor: Actor | null, userId: string, input: SuspendInput, now = new Date()) {
  authorize(actor, 'users.suspend');
  const reason = input.reason.trim();
  const until = input.until === null ? null : new Date(input.until);
  if (until && until.getTime() <= now.getTime()) {
    throw badRequest('validation_failed', 'Some fields are missing or invalid.', [
      { field: 'body.until', code: 'past', message: 'must be in the future' }
    ]);
  }
  return hub.db.transaction(async (tx) => {
    const target = await moderatedAccount(tx, actor, userId);
    await repo.liftOpenSuspensions(tx, userId, actor.id, now);
    const suspension = await repo.insertSuspension(tx, { userId, suspendedBy: actor.id, reason, startsAt: now, endsAt: until });
    const row = await repo.setSuspension(tx, userId, { suspendedAt: now, suspendedUntil: until, suspensionReason: reason });
    await invalidateUserSessions(tx, userId);
    await hub.search.enqueue(tx, PEOPLE_INDEX, userId, 'upsert');
    await queueMail(hub, tx, suspensionMail('suspended', target, { reason, until, link: hub.config.publicOrigin }));
    if (until) await hub.jobs.enqueue(tx, SUSPENSION_END, { userId, suspensionId: suspension.id }, { startAfter: until });
    return row;
  });
}

/** Ends a suspension early: the person may sign in again, is listed again and is told by mail. */
export async function reinstateUser(hub: Hub, actor: Actor | null, userId: string, now = new Date()) {
  authorize(actor, 'users.suspend');
  return hub.db.transaction(async (tx) => {
    const target = await moderatedAccount(tx, actor, userId);
    if (!activeSuspension(target, now.getTime())) throw conflict('not_suspended', 'This account is not suspended.');
    await repo.liftOpenSuspensions(tx, userId, actor.id, now);
    const row = await repo.setSuspension(tx, userId, { suspendedAt: null, suspendedUntil: null, suspensionReason: null });
    await hub.search.enqueue(tx, PEOPLE_INDEX, userId, 'upsert');
    await queueMail(hub, tx, suspensionMail('reinstated', target, { reason: '', until: null, link: `${hub.config.publicOrigin}/sign-in` }));
    return row;
  });
}

/**
 * The SUSPENSION_END job: when the suspension it was made for is still the account's
 * and its end has come, clears the account's columns and re-indexes the person.
 * Answers whether it ended anything.
 */
export async function endSuspension(hub: Pick<Hub, 'db' | 'search'>, job: SuspensionEndJob, now = new Date()): Promise<boolean> {
  return hub.db.transaction(async (tx) => {
    const user = await repo.lockUser(tx, job.userId);
    const suspension = await repo.findSuspension(tx, job.suspensionId);
    if (!user || !suspension || suspension.liftedAt || !suspension.endsAt) return false;
    if (suspension.endsAt.getTime() > now.getTime()) return false;
    // Another suspension may have followed this one: only the account's current one is cleared.
    if (!user.suspendedAt || user.suspendedAt.getTime() !== suspension.startsAt.getTime()) return false;
    await repo.setSuspension(tx, job.userId, { suspendedAt: null, suspendedUntil: null, suspensionReason: null });
    await hub.search.enqueue(tx, PEOPLE_INDEX, job.userId, 'upsert');
    return true;
  });
}

export async function suspensionHistory(hub: Pick<Hub, 'db'>, actor: Actor | null, userId: string): Promise<SuspensionRecord[]> {
  authorize(actor, 'users.suspend');
  const rows = await repo.suspensionHistory(hub.db, userId);
  if (rows.length === 0 && !(await repo.userExists(hub.db, userId))) throw notFound('No such user.');
  return rows.map(({ suspension: s, suspendedByName, liftedByName }) => ({
    id: s.id,
    reason: s.reason,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt?.toISOString() ?? null,
    liftedAt: s.liftedAt?.toISOString() ?? null,
    suspendedBy: s.suspendedBy && suspendedByName !== null ? { id: s.suspendedBy, name: suspendedByName } : null,
    liftedBy: s.liftedBy && liftedByName !== null ? { id: s.liftedBy, name: liftedByName } : null
  }));
}
