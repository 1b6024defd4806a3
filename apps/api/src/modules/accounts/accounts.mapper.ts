import type { SessionInfo, User } from '@mutirao/shared';
import type { UserRow } from './accounts.repo';
import type { sessions } from '@mutirao/db';
import { activeSuspension } from '../../auth/suspension';

/** The fields of a user that leave the server; never the hash or internal columns. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    locale: row.locale,
    country: row.country,
    organisationName: row.organisationName,
    bio: row.bio,
    emailVerified: row.emailVerifiedAt !== null,
    createdAt: row.createdAt.toISOString(),
    suspension: suspensionOf(row)
  };
}

function suspensionOf(row: UserRow): User['suspension'] {
  const active = activeSuspension(row);
  return active && { until: active.until?.toISOString() ?? null, reason: active.reason };
}

export function toSessionInfo(row: typeof sessions.$inferSelect, currentId: string | undefined): SessionInfo {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    userAgent: row.userAgent,
    ip: row.ip,
    current: row.id === currentId
  };
}
