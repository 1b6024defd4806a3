import type { Locale, Role, SignUpInput, UpdateProfileInput } from '@mutirao/shared';
import type { AccountMailKind } from '@mutirao/db';
import { isCountry } from '@mutirao/shared';
import { authorize, requireActor, type Actor } from '../../auth/can';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../../auth/passwords';
import { hashToken, randomToken } from '../../auth/tokens';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import type { Hub } from '../../hub';
import { ACCOUNT_MAIL, type AccountMailJob, type AccountMailPurpose } from './accounts.jobs';
import { accountMail } from './accounts.mail';
import * as repo from './accounts.repo';
import { activeSuspension } from '../../auth/suspension';
import { suspendedProblem } from './accounts.suspension.service';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  listUserSessions
} from '../../auth/sessions.service';

const HOUR = 60 * 60 * 1000;
const VERIFY_TTL = 48 * HOUR;
const RESET_TTL = HOUR;
/** Password guesses per account per minute (sign-in and password change); the next is refused with 429. */
export const PASSWORD_ATTEMPTS_PER_MINUTE = 5;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

function unknownCountry(field: string) {
  return badRequest('validation_failed', 'Some fields are missing or invalid.', [
    { field, code: 'unknown_country', message: 'is not an ISO 3166-1 alpha-2 country code' }
  ]);
}

/**
 * Creates an account and, through a job, mails a verification link. When the
 * email is already registered, the answer is the same and the job tells the
 * owner by mail instead, so sign-up never reveals who has an account.
 */
export async function signUp(hub: Hub, input: SignUpInput): Promise<void> {
  if (!isCountry(input.country)) throw unknownCountry('body.country');
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim();
  await hub.db.transaction(async (tx) => {
    const user = await repo.insertUser(tx, {
      email,
      emailNormalized: repo.normalizeEmail(input.email),
      name: input.name.trim(),
      passwordHash,
      locale: input.locale,
      country: input.country,
      organisationName: input.organisationName?.trim() || null
    });
    await hub.jobs.enqueue(
      tx,
      ACCOUNT_MAIL,
      user ? { purpose: 'verify_email', email, next: input.next ?? null } : { purpose: 'already_registered', email }
    );
  });
}

/**
 * Only enqueues the job that decides and mails (see ACCOUNT_MAIL): the same work
 * whether or not the email is registered, so neither the answer nor its timing
 * tells them apart.
 */
export async function resendVerification(hub: Hub, email: string): Promise<void> {
  await hub.db.transaction((tx) => hub.jobs.enqueue(tx, ACCOUNT_MAIL, { purpose: 'verify_email', email }));
}

export async function requestPasswordReset(hub: Hub, email: string): Promise<void> {
  await hub.db.transaction((tx) => hub.jobs.enqueue(tx, ACCOUNT_MAIL, { purpose: 'reset_password', email }));
}

/** Which cooldown each purpose counts against (repo.reserveAccountMail). */
const mailKinds: Record<AccountMailPurpose, AccountMailKind> = {
  verify_email: 'verify',
  reset_password: 'reset',
  already_registered: 'already_registered'
};

const eligible: Record<AccountMailPurpose, (user: repo.UserRow) => boolean> = {
  verify_email: (user) => !user.emailVerifiedAt,
  reset_password: () => true,
  already_registered: () => true
};

/**
 * The ACCOUNT_MAIL job: finds the account, and when it qualifies replaces any
 * live token of this purpose with a new one and mails its link. An unknown or
 * ineligible address gets nothing. A failed send fails the job, so it is
 * retried with a fresh token (the one it replaced stops working).
 */
export async function deliverAccountMail(hub: Pick<Hub, 'db' | 'config' | 'mailer'>, job: AccountMailJob): Promise<void> {
  const { purpose } = job;
  const token = randomToken();
  const user = await hub.db.transaction(async (tx) => {
    const found = await repo.findUserByEmail(tx, job.email);
    if (!found || !eligible[purpose](found)) return undefined;
    // The address's cooldown: refused, nothing changes (the link mailed before keeps working).
    if (!(await repo.reserveAccountMail(tx, found.email, mailKinds[purpose]))) return undefined;
    if (purpose === 'already_registered') return found;
    await repo.expireEmailTokens(tx, found.id, purpose);
    await repo.insertEmailToken(tx, {
      tokenHash: hashToken(token),
      userId: found.id,
      purpose,
      next: job.next ?? null,
      expiresAt: new Date(Date.now() + (purpose === 'verify_email' ? VERIFY_TTL : RESET_TTL))
    });
    return found;
  });
  if (!user) return;
  const origin = hub.config.publicOrigin;
  try {
    if (purpose === 'already_registered') await hub.mailer.send(accountMail('alreadyRegistered', user, `${origin}/forgot-password`));
    else if (purpose === 'verify_email') await hub.mailer.send(accountMail('verify', user, `${origin}/verify-email?token=${token}`));
    else await hub.mailer.send(accountMail('reset', user, `${origin}/reset-password?token=${token}`));
  } catch (err) {
    // Nothing went out: give the slot back, so the job's retry may send.
    await repo.releaseAccountMail(hub.db, user.email, mailKinds[purpose]);
    throw err;
  }
}

export async function verifyEmail(hub: Hub, token: string): Promise<{ next: string | null }> {
  return hub.db.transaction(async (tx) => {
    const row = await repo.consumeEmailToken(tx, hashToken(token), 'verify_email');
    if (!row) throw badRequest('invalid_token', 'This link is invalid, already used or expired.');
    await repo.updateUser(tx, row.userId, { emailVerifiedAt: new Date() });
    // Verified people are listed in the people directory (people.search.ts).
    await hub.search.enqueue(tx, 'people', row.userId, 'upsert');
    return { next: row.next };
  });
}

/** 429 until the account's minute of guesses is over. */
function tooManyAttempts(secondsLeft: number) {
  return new AppError(429, 'rate_limited', 'Too many attempts. Wait a minute and try again.', undefined, {
    'retry-after': String(Math.max(1, Math.ceil(secondsLeft)))
  });
}

/**
 * Counts a password guess against the account before any password is verified:
 * past the limit, the answer is 429 without verifying anything, however many
 * guesses arrive at once and at however many processes.
 */
async function takePasswordAttempt(hub: Pick<Hub, 'db'>, email: string): Promise<number> {
  const { attempt, secondsLeft } = await repo.reservePasswordAttempt(hub.db, email);
  if (attempt > PASSWORD_ATTEMPTS_PER_MINUTE) throw tooManyAttempts(secondsLeft);
  return attempt;
}

/** 0, 0, 250, 500, 1000 ms… after the 1st, 2nd, 3rd… wrong password: harmless for a typo, costly for guessing. */
async function slowDownAfterFailure(attempt: number) {
  const earlier = attempt - 1;
  const delay = earlier < 2 ? 0 : Math.min(250 * 2 ** (earlier - 2), 2000);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
}

/**
 * Checks the password and opens a session. Guesses are counted per account in
 * the database (shared by every process) before the password is verified: each
 * wrong one slows the answer, and past the limit the account refuses attempts for
 * the rest of the minute.
 */
export async function signIn(
  hub: Hub,
  input: { email: string; password: string; locale?: Locale },
  client: ClientInfo
): Promise<{ token: string; expiresAt: Date; user: repo.UserRow }> {
  const attempt = await takePasswordAttempt(hub, input.email);
  const user = await repo.findUserByEmail(hub.db, input.email);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!user || !ok) {
    await slowDownAfterFailure(attempt);
    throw new AppError(401, 'invalid_credentials', 'The email or password is not right.');
  }
  // The right password: earlier guesses no longer count, whatever comes next.
  await repo.clearPasswordAttempts(hub.db, input.email);
  if (!user.emailVerifiedAt) {
    throw new AppError(403, 'email_not_verified', 'Confirm your email first: open the link we sent you.');
  }
  // Said only after the right password, so the reason reaches the person and nobody else.
  const suspension = activeSuspension(user);
  if (suspension) throw suspendedProblem(suspension);
  return hub.db.transaction(async (tx) => {
    const session = await createSession(tx, user.id, { ip: client.ip, userAgent: client.userAgent });
    // A language the person picked in this visit, before signing in, wins over the saved one
    // and becomes the saved one: otherwise signing in would switch the interface under them.
    if (input.locale !== undefined && input.locale !== user.locale) {
      const updated = await repo.updateUser(tx, user.id, { locale: input.locale });
      return { ...session, user: updated ?? user };
    }
    return { ...session, user };
  });
}

/** Drops limit records that have expired (password windows, mail cooldowns); cheap, idempotent. */
export async function pruneExpiredAccountLimits(hub: Pick<Hub, 'db'>): Promise<void> {
  await repo.pruneAccountLimits(hub.db);
}

export async function signOut(hub: Hub, sessionId: string): Promise<void> {
  await invalidateSession(hub.db, sessionId);
}

/** Sets a new password from a mailed link. Every session ends; the mailbox is now proven, so the email counts as verified. */
export async function resetPassword(hub: Hub, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await hub.db.transaction(async (tx) => {
    const row = await repo.consumeEmailToken(tx, hashToken(token), 'reset_password');
    if (!row) throw badRequest('invalid_token', 'This link is invalid, already used or expired.');
    const user = await repo.findUserById(tx, row.userId);
    await repo.updateUser(tx, row.userId, {
      passwordHash,
      emailVerifiedAt: user?.emailVerifiedAt ?? new Date()
    });
    if (user && !user.emailVerifiedAt) await hub.search.enqueue(tx, 'people', row.userId, 'upsert');
    await invalidateUserSessions(tx, row.userId);
    await repo.clearPasswordAttempts(tx, user?.email ?? '');
  });
}

/**
 * Checks the owner's current password before a step that matters (a new password,
 * a new address, deletion), on the same per-account budget as sign-in: a stolen
 * session must not become a way to guess the password.
 */
export async function confirmPassword(hub: Pick<Hub, 'db'>, user: repo.UserRow, password: string, field: string): Promise<void> {
  const attempt = await takePasswordAttempt(hub, user.email);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await slowDownAfterFailure(attempt);
    throw badRequest('wrong_password', 'The current password is not right.', [{ field, code: 'wrong_password', message: 'does not match' }]);
  }
  await repo.clearPasswordAttempts(hub.db, user.email);
}

/** Changes the password and ends every session but the current one. */
export async function changePassword(
  hub: Hub,
  actor: Actor | null,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string }
): Promise<void> {
  requireActor(actor);
  const user = await repo.findUserById(hub.db, actor.id);
  if (!user) throw notFound();
  await confirmPassword(hub, user, input.currentPassword, 'body.currentPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await hub.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash });
    await invalidateUserSessions(tx, user.id, currentSessionId);
  });
}

export async function updateProfile(hub: Hub, actor: Actor | null, input: UpdateProfileInput) {
  requireActor(actor);
  if (input.country !== undefined && !isCountry(input.country)) throw unknownCountry('body.country');
  const row = await hub.db.transaction(async (tx) => {
    const updated = await repo.updateUser(tx, actor.id, {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.country !== undefined && { country: input.country }),
      ...(input.organisationName !== undefined && { organisationName: input.organisationName?.trim() || null }),
      ...(input.bio !== undefined && { bio: input.bio?.trim() || null })
    });
    // The people directory shows the name (people.search.ts).
    if (updated && input.name !== undefined) await hub.search.enqueue(tx, 'people', actor.id, 'upsert');
    return updated;
  });
  if (!row) throw notFound();
  return row;
}

export async function listSessions(hub: Hub, actor: Actor | null) {
  requireActor(actor);
  return listUserSessions(hub.db, actor.id);
}

/** Ends one of the person's own sessions; another person's session id is simply not found. */
export async function revokeSession(hub: Hub, actor: Actor | null, sessionId: string): Promise<void> {
  requireActor(actor);
  const own = await listUserSessions(hub.db, actor.id);
  if (!own.some((s) => s.id === sessionId)) throw notFound('No such session.');
  await invalidateSession(hub.db, sessionId);
}

export async function listUsers(hub: Hub, actor: Actor | null, q: string | undefined, page: number) {
  authorize(actor, 'users.list');
  const pageSize = 25;
  const { items, total } = await repo.listUsers(hub.db, q, page, pageSize);
  return { items, total, page, pageSize };
}

/** Admins grant and withdraw the coordinator and admin roles; the last admin cannot be demoted. */
export async function setRole(hub: Hub, actor: Actor | null, userId: string, role: Role) {
  authorize(actor, 'users.setRole');
  return hub.db.transaction(async (tx) => {
    const target = await repo.findUserById(tx, userId);
    if (!target) throw notFound('No such user.');
    if (target.role === 'admin' && role !== 'admin' && (await repo.countAdmins(tx)) <= 1) {
      throw conflict('last_admin', 'The hub needs at least one admin.');
    }
    const row = await repo.updateUser(tx, userId, { role });
    // Staff-only topics this person follows are re-checked in every process.
    if (target.role !== role) await hub.live.accessChanged(tx, { userId });
    return row!;
  });
}

/** Used by `pnpm hub create-admin` and the demo seed. */
export async function createVerifiedUser(
  hub: Pick<Hub, 'db'>,
  input: { name: string; email: string; password: string; role: Role; locale: 'es' | 'pt' | 'en'; country: string }
) {
  if (!isCountry(input.country)) throw unknownCountry('country');
  const name = input.name.trim();
  if (!name) {
    throw badRequest('validation_failed', 'Some fields are missing or invalid.', [
      { field: 'name', code: 'required', message: 'needs more than spaces' }
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  const row = await repo.insertUser(hub.db, {
    email: input.email.trim(),
    emailNormalized: repo.normalizeEmail(input.email),
    name,
    passwordHash,
    role: input.role,
    locale: input.locale,
    country: input.country,
    emailVerifiedAt: new Date()
  });
  if (!row) throw conflict('email_taken', 'That email already has an account.');
  return row;
}
