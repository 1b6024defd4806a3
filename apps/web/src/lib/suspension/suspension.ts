import type { ProblemCode, Role } from '@mutirao/shared';
import type { Locale } from '@mutirao/shared/locales';
import { formatDateTime } from '$lib/i18n/format';
import { problemMessage } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';

/** The periods the suspend form offers: days, a chosen date, or until reinstated. */
export const suspensionPeriods = ['1', '7', '30', 'date', 'indefinite'] as const;
export type SuspensionPeriod = (typeof suspensionPeriods)[number];

export function periodLabel(period: SuspensionPeriod): string {
  switch (period) {
    case '1':
      return m.susp_period_1();
    case '7':
      return m.susp_period_7();
    case '30':
      return m.susp_period_30();
    case 'date':
      return m.susp_period_date();
    case 'indefinite':
      return m.susp_period_indefinite();
  }
}

const rank: Record<Role, number> = { member: 0, coordinator: 1, admin: 2 };

/**
 * Whether the viewer gets the suspend and reinstate forms for this person; the same rule
 * the API applies (ARCHITECTURE.md, Account suspension): only someone of a lower role, never oneself.
 */
export function maySuspend(viewer: { id: string; role: Role } | null, person: { id: string; role: Role }): boolean {
  return !!viewer && viewer.id !== person.id && viewer.role !== 'member' && rank[person.role] < rank[viewer.role];
}

/** "Suspended until 7 Dec 2026, 14:00 GMT-3" or "Suspended until reinstated", in the reader's language and zone. */
export function suspendedStatus(until: string | null, locale: Locale, timeZone: string): string {
  return until ? m.susp_suspended_until({ date: formatDateTime(until, locale, timeZone) }) : m.susp_suspended_indefinitely();
}

export function suspensionProblemMessage(code: ProblemCode): string {
  return problemMessage(code);
}
