/** The suspension columns of an account row (see db/schema/accounts.ts). */
export interface SuspensionColumns {
  suspendedAt: Date | null;
  suspendedUntil: Date | null;
  suspensionReason: string | null;
}

export interface ActiveSuspension {
  /** null: until reinstated. */
  until: Date | null;
  reason: string;
}

/**
 * The account's suspension if it is in force at `now`. One past its end counts as over at
 * once, even before the expiry job clears the columns: a late job never keeps anyone out.
 */
export function activeSuspension(user: SuspensionColumns, now = Date.now()): ActiveSuspension | null {
  if (!user.suspendedAt) return null;
  if (user.suspendedUntil && user.suspendedUntil.getTime() <= now) return null;
  return { until: user.suspendedUntil, reason: user.suspensionReason ?? '' };
}
