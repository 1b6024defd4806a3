import { m } from '$lib/paraglide/messages';

/** What a task is, in the reader's language; kinds this page does not know show their technical name. */
export function jobKindLabel(kind: string): string {
  switch (kind) {
    case 'mail.send':
      return m.admin_jobs_kind_mail();
    case 'accounts.mail':
      return m.admin_jobs_kind_account_mail();
    default:
      return kind;
  }
}
