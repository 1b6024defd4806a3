import type { ProblemCode } from '@mutirao/shared';
import type { Locale } from '@mutirao/shared/locales';
import { intlLocale } from '$lib/i18n/format';
import { problemMessage } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';
import { dateTimeFormat } from '$lib/i18n/intl-cache';

/**
 * Words the people-and-roles page shares between its server and its page: the hub-wide
 * roles and the problems a role change can meet, in the reader's language.
 */

export function hubRoleLabel(role: string): string {
  switch (role) {
    case 'admin':
      return m.admin_users_role_admin();
    case 'coordinator':
      return m.admin_users_role_coordinator();
    default:
      return m.admin_users_role_member();
  }
}

/** The API's problem codes for a role change; the hub-wide ones fall through to problemMessage. */
export function roleProblemMessage(code: ProblemCode): string {
  return problemMessage(code, { last_admin: m.admin_users_problem_last_admin });
}

/** The query string of a search and page of the list ('' for the first page of everyone). */
export function listQuery(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  return params.toString();
}

/**
 * The day someone joined, in the reader's language and time zone, as the account page
 * shows dates (lib/i18n/format) but in the medium style ("28 nov 2026"), to fit a table column.
 */
export function joinedDate(iso: string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone }).format(new Date(iso));
}
