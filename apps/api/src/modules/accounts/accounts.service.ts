import type { Role, SignUpInput, UpdateProfileInput } from '@mutirao/shared';
import { isCountry } from '@mutirao/shared';
import { authorize, requireActor, type Actor } from '../../auth/can';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../../auth/passwords';
import { hashToken, randomToken } from '../../auth/tokens';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import type { Hub } from '../../hub';
import { accountMail } from './accounts.mail';
import * as repo from './accounts.repo';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  listUserSessions
} from './sessions.service';

const HOUR = 60 * 60 * 1000;
const VERIFY_TTL = 48 * HOUR;
const RESET_TTL = HOUR;
/** Wrong passwords allowed per account per minute; the next attempt is refused with 429. */
export const SIGN_IN_FAILURES_PER_MINUTE = 5;
const MINUTE = 60 * 1000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

function unknownCountry(field: string) {
  return badRequest('validation_failed', 'Some fields are missing or invalid.', [
    { field, code: 'unknown_country', message: 'is not an ISO 3166-1 alpha-2 country code' }
  ]);
}

async function sendSafely(hub: Hub, mail: Parameters<Hub['mailer']['send']>[0]) {
  try {
    await hub.mailer.send(mail);
  } catch (err) {
    // The account change is committed; the person can ask for the mail again.
    hub.log.error({ err, kind: mail.kind }, 'mail could not be sent');
  }
}

/**
 * Creates an account and mails a verification link. When the email is already
 * registered, the answer is the same and the owner is told by mail instead, so
 * sign-up never reveals who has an account.
 */
export async function signUp(hub: Hub, input: SignUpInput): Promise<void> {
  if (!isCountry(input.country)) throw unknownCountry('body.country');
  const passwordHash = await hashPassword(input.password);
  const token = randomToken();
  const result = await hub.db.transaction(async (tx) => {
    const user = await repo.insertUser(tx, {
      email: input.email.trim(),
      emailNormalized: repo.normalizeEmail(input.email),
      name: input.name.trim(),
      passwordHash,
      locale: input.locale,
      country: input.country,
      organisationName: input.organisationName?.trim() || null
    });
    if (!user) return { existing: await repo.findUserByEmail(tx, input.email) };
    await repo.insertEmailToken(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      purpose: 'verify_email',
      next: input.next ?? null,
      expiresAt: new Date(Date.now() + VERIFY_TTL)
    });
    return { user };
  });
  if (result.user) {
    await sendSafely(hub, accountMail('verify', result.user, `${hub.config.publicOrigin}/verify-email?token=${token}`));
  } else if (result.existing) {
    await sendSafely(hub, accountMail('alreadyRegistered', result.existing, `${hub.config.publicOrigin}/forgot-password`));
  }
}

/**
 * Replaces any live token of this purpose with a new one and mails its link,
 * when `eligible` accepts the account; otherwise does nothing, silently, so the
 * answer never tells whether the email is registered.
 */
async function mailFreshToken(
  hub: Hub,
  email: string,
  purpose: 'verify_email' | 'reset_password',
  eligible: (user: repo.UserRow) => boolean
): Promise<void> {
  const token = randomToken();
  const user = await hub.db.transaction(async (tx) => {
    const found = await repo.findUserByEmail(tx, email);
    if (!found || !eligible(found)) return undefined;
    await repo.expireEmailTokens(tx, found.id, purpose);
    await repo.insertEmailToken(tx, {
      tokenHash: hashToken(token),
      userId: found.id,
      purpose,
      expiresAt: new Date(Date.now() + (purpose === 'verify_email' ? VERIFY_TTL : RESET_TTL))
    });
    return found;
  });
  if (!user) return;
  const [kind, path] = purpose === 'verify_email' ? (['verify', '/verify-email'] as const) : (['reset', '/reset-password'] as const);
  await sendSafely(hub, accountMail(kind, user, `${hub.config.publicOrigin}${path}?token=${token}`));
}

export async function resendVerification(hub: Hub, email: string): Promise<void> {
  await mailFreshToken(hub, email, 'verify_email', (user) => !user.emailVerifiedAt);
}

export async function verifyEmail(hub: Hub, token: string): Promise<{ next: string | null }> {
  return hub.db.transaction(async (tx) => {
    const row = await repo.consumeEmailToken(tx, hashToken(token), 'verify_email');
    if (!row) throw badRequest('invalid_token', 'This link is invalid, already used or expired.');
    await repo.updateUser(tx, row.userId, { emailVerifiedAt: new Date() });
    return { next: row.next };
  });
}

/**
 * Checks the password and opens a session. Failures are counted per account in
 * the database (shared by every process): each one slows the next answer, and
 * past the limit the account refuses attempts for the rest of the minute.
 */
export async function signIn(
  hub: Hub,
  input: { email: string; password: string },
  client: ClientInfo
): Promise<{ token: string; expiresAt: Date; user: repo.UserRow }> {
  const failures = await repo.countRecentSignInFailures(hub.db, input.email, MINUTE);
  if (failures >= SIGN_IN_FAILURES_PER_MINUTE) {
    throw new AppError(429, 'rate_limited', 'Too many attempts. Wait a minute and try again.', undefined, {
      'retry-after': '60'
    });
  }
  const user = await repo.findUserByEmail(hub.db, input.email);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!user || !ok) {
    await repo.recordSignInFailure(hub.db, input.email, client.ip);
    // 0, 0, 250, 500, 1000 ms…: harmless for a typo, costly for guessing.
    const delay = failures < 2 ? 0 : Math.min(250 * 2 ** (failures - 2), 2000);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    throw new AppError(401, 'invalid_credentials', 'The email or password is not right.');
  }
  if (!user.emailVerifiedAt) {
    throw new AppError(403, 'email_not_verified', 'Confirm your email first: open the link we sent you.');
  }
  return hub.db.transaction(async (tx) => {
    await repo.clearSignInFailures(tx, input.email);
    const session = await createSession(tx, user.id, { ip: client.ip, userAgent: client.userAgent });
    return { ...session, user };
  });
}

export async function signOut(hub: Hub, sessionId: string): Promise<void> {
  await invalidateSession(hub.db, sessionId);
}

export async function requestPasswordReset(hub: Hub, email: string): Promise<void> {
  await mailFreshToken(hub, email, 'reset_password', () => true);
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
    await invalidateUserSessions(tx, row.userId);
    await repo.clearSignInFailures(tx, user?.email ?? '');
  });
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
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest('wrong_password', 'The current password is not right.', [
      { field: 'body.currentPassword', code: 'wrong_password', message: 'does not match' }
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await hub.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash });
    await invalidateUserSessions(tx, user.id, currentSessionId);
  });
}

export async function updateProfile(hub: Hub, actor: Actor | null, input: UpdateProfileInput) {
  requireActor(actor);
  if (input.country !== undefined && !isCountry(input.country)) throw unknownCountry('body.country');
  const row = await repo.updateUser(hub.db, actor.id, {
    ...(input.name !== undefined && { name: input.name.trim() }),
    ...(input.locale !== undefined && { locale: input.locale }),
    ...(input.country !== undefined && { country: input.country }),
    ...(input.organisationName !== undefined && { organisationName: input.organisationName?.trim() || null }),
    ...(input.bio !== undefined && { bio: input.bio?.trim() || null })
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
  const passwordHash = await hashPassword(input.password);
  const row = await repo.insertUser(hub.db, {
    email: input.email,
    emailNormalized: repo.normalizeEmail(input.email),
    name: input.name,
    passwordHash,
    role: input.role,
    locale: input.locale,
    country: input.country,
    emailVerifiedAt: new Date()
  });
  if (!row) throw conflict('email_taken', 'That email already has an account.');
  return row;
}
