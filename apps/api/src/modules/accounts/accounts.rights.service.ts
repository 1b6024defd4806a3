// The owner's rights over their account and data (LGPD art. 18, GDPR arts. 15–17, 20):
// moving the account to a new address, a copy of everything, deletion.
import { FORMER_MEMBER_NAME } from '@mutirao/shared/people';
import type { DeleteAccountInput, EmailChangeInput, PersonalDataExport } from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import { hashToken, randomToken } from '../../auth/tokens';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import type { Hub } from '../../hub';
import { queueMail } from '../../jobs/mail.job';
import { dropMailTo } from '../../jobs/jobs.repo';
import type { DeletionBlocker, HubModule } from '../../module';
import * as accountsRepo from './accounts.repo';
import { accountRightsMail } from './accounts.rights.mail';
import * as repo from './accounts.rights.repo';
import * as suspensionRepo from './accounts.suspension.repo';
import { confirmPassword } from './accounts.service';

const EMAIL_CHANGE_TTL = 48 * 60 * 60 * 1000;
/** One confirmation mail a minute per account, so a session cannot be used to flood someone's inbox. */
const EMAIL_CHANGE_COOLDOWN = 60 * 1000;

/** Re-exported for the API's tests; pages translate it (packages/shared/src/people.ts). */
export { FORMER_MEMBER_NAME };


async function ownAccount(hub: Pick<Hub, 'db'>, actor: Actor | null) {
  requireActor(actor);
  const user = await accountsRepo.findUserById(hub.db, actor.id);
  if (!user || user.deletedAt) throw notFound();
  return user;
}

const emailTaken = () =>
  conflict('email_taken', 'That email already has an account.', [{ field: 'body.newEmail', code: 'email_taken', message: 'already has an account' }]);

/**
 * Mails a confirmation link to the new address and a warning to the current one.
 * The account keeps its address (and its sessions) until the link is opened.
 */
export async function requestEmailChange(hub: Hub, actor: Actor | null, input: EmailChangeInput): Promise<void> {
  const user = await ownAccount(hub, actor);
  const pending = await repo.pendingEmailChange(hub.db, user.id);
  const wait = pending ? pending.createdAt.getTime() + EMAIL_CHANGE_COOLDOWN - Date.now() : 0;
  if (wait > 0) {
    throw new AppError(429, 'rate_limited', 'A confirmation was mailed a moment ago. Wait a minute and try again.', undefined, {
      'retry-after': String(Math.ceil(wait / 1000))
    });
  }
  await confirmPassword(hub, user, input.password, 'body.password');
  const newEmail = input.newEmail.trim();
  const newEmailNormalized = accountsRepo.normalizeEmail(newEmail);
  // The person proved who they are with their password, so telling them that an
  // address has an account reveals nothing a sign-up attempt would not.
  if (await repo.emailInUse(hub.db, newEmailNormalized)) throw emailTaken();
  const token = randomToken();
  const origin = hub.config.publicOrigin;
  await hub.db.transaction(async (tx) => {
    await repo.putEmailChange(tx, {
      userId: user.id,
      newEmail,
      newEmailNormalized,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + EMAIL_CHANGE_TTL)
    });
    const to = { name: user.name, locale: user.locale };
    await queueMail(hub, tx, accountRightsMail('confirmNewEmail', { ...to, email: newEmail }, `${origin}/account/email/confirm?token=${token}`));
    await queueMail(hub, tx, accountRightsMail('emailChangeRequested', { ...to, email: user.email }, `${origin}/account`));
  });
}

/**
 * Moves the account to the confirmed address. Opening the link proves the new
 * mailbox, so the account counts as verified; sessions stay open. The old address
 * is told, so a takeover does not go unnoticed.
 */
export async function confirmEmailChange(hub: Hub, token: string): Promise<{ email: string }> {
  return hub.db.transaction(async (tx) => {
    const change = await repo.consumeEmailChange(tx, hashToken(token));
    if (!change) throw badRequest('invalid_token', 'This link is invalid, already used or expired.');
    const user = await repo.lockUser(tx, change.userId);
    if (!user || user.deletedAt) throw badRequest('invalid_token', 'This link is invalid, already used or expired.');
    // Someone may have signed up with the address since it was asked for.
    if (await repo.emailInUse(tx, change.newEmailNormalized)) {
      throw conflict('email_taken', 'That email already has an account.');
    }
    await accountsRepo.updateUser(tx, user.id, {
      email: change.newEmail,
      emailNormalized: change.newEmailNormalized,
      emailVerifiedAt: user.emailVerifiedAt ?? new Date()
    });
    await repo.recordAccountAudit(tx, user.id, 'email_changed');
    await queueMail(hub, tx, accountRightsMail('emailChanged', user, `${hub.config.publicOrigin}/forgot-password`));
    return { email: change.newEmail };
  });
}

/** The account's own section of the export. */
export async function exportAccountData(hub: Pick<Hub, 'db'>, userId: string) {
  const user = await accountsRepo.findUserById(hub.db, userId);
  if (!user) return undefined;
  const pending = await repo.pendingEmailChange(hub.db, userId);
  return {
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      locale: user.locale,
      country: user.country,
      organisationName: user.organisationName,
      bio: user.bio,
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString()
    },
    pendingEmailChange: pending ? { newEmail: pending.newEmail, requestedAt: pending.createdAt.toISOString() } : null,
    sessions: (await repo.sessionsOf(hub.db, userId)).map((s) => ({
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
      ip: s.ip
    })),
    rightsAudit: (await repo.accountAuditOf(hub.db, userId)).map((e) => ({ action: e.action, at: e.at.toISOString() })),
    // The person's own suspensions, without the moderators' ids (other people's data).
    suspensions: (await suspensionRepo.suspensionHistory(hub.db, userId)).map(({ suspension: s }) => ({
      reason: s.reason,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt?.toISOString() ?? null,
      liftedAt: s.liftedAt?.toISOString() ?? null
    }))
  };
}

/** Everything the hub holds about the signed-in person, one section per domain. */
/** `modules` is the registry, handed down from the app (a service never imports the registry that imports it). */
export async function exportPersonalData(hub: Hub, modules: readonly HubModule[], actor: Actor | null): Promise<PersonalDataExport> {
  const user = await ownAccount(hub, actor);
  // Recorded first, so the export lists itself among what the person did.
  await repo.recordAccountAudit(hub.db, user.id, 'data_exported');
  const sections: Record<string, unknown> = {};
  for (const module of modules) {
    const section = await module.exportPersonalData?.(hub, user.id);
    if (section !== undefined) sections[module.name] = section;
  }
  return { format: 'mutirao.personal-data.v1', exportedAt: new Date().toISOString(), userId: user.id, sections };
}

/** The hub needs an admin: its last one must hand the role on before leaving. */
export async function hubAdminBlocker(tx: Parameters<typeof accountsRepo.countAdmins>[0], userId: string): Promise<DeletionBlocker[]> {
  const user = await accountsRepo.findUserById(tx, userId);
  if (user?.role !== 'admin' || (await accountsRepo.countAdmins(tx)) > 1) return [];
  return [{ kind: 'hub_last_admin', ref: 'hub', name: 'Mutirão' }];
}

/**
 * Deletes the account: refused (naming what to resolve) while the person is the only
 * admin of an organisation or of the hub; otherwise every domain erases what it holds,
 * the row is anonymised, every session and live connection ends. The audit records
 * that an account was deleted and nothing about whose it was.
 */
export async function deleteAccount(hub: Hub, modules: readonly HubModule[], actor: Actor | null, input: DeleteAccountInput): Promise<void> {
  const user = await ownAccount(hub, actor);
  if (input.confirm !== true) {
    throw badRequest('validation_failed', 'Confirm that you want to delete your account.', [
      { field: 'body.confirm', code: 'required', message: 'must be true' }
    ]);
  }
  await confirmPassword(hub, user, input.password, 'body.password');
  await hub.db.transaction(async (tx) => {
    // Locked, so a promotion or a second deletion cannot slip in between the check and the erasure.
    const locked = await repo.lockUser(tx, user.id);
    if (!locked || locked.deletedAt) throw notFound();
    const blockers: DeletionBlocker[] = [];
    for (const module of modules) blockers.push(...((await module.accountDeletionBlockers?.(tx, user.id)) ?? []));
    if (blockers.length > 0) {
      throw new AppError(
        409,
        'account_deletion_blocked',
        `Before deleting your account, make someone else an admin of: ${blockers.map((b) => b.name).join(', ')}.`,
        blockers.map((b) => ({ field: `${b.kind}.${b.ref}`, code: b.kind, message: b.name }))
      );
    }
    for (const module of modules) await module.onAccountDeleted?.(hub, tx, user.id);
    await dropMailTo(tx, locked.email);
    await repo.eraseAccount(tx, locked, FORMER_MEMBER_NAME);
    await repo.recordAccountAudit(tx, user.id, 'account_deleted');
    // Closes this person's websockets in every process once the deletion commits.
    await hub.live.accessChanged(tx, { userId: user.id });
  });
}
