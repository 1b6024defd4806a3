import type { ApiProblem } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { fieldMessage, problemMessage } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';

/**
 * Words the organisation pages share: statuses, roles, the API's problem codes for
 * organisations and the audit trail's actions, in the reader's language.
 */

export function statusLabel(status: string): string {
  switch (status) {
    case 'pending':
      return m.org_status_pending();
    case 'approved':
      return m.org_status_approved();
    case 'rejected':
      return m.org_status_rejected();
    case 'suspended':
      return m.org_status_suspended();
    default:
      return status;
  }
}

export function roleLabel(role: string): string {
  return role === 'admin' ? m.org_role_admin() : m.org_role_member();
}

export function requestStatusLabel(status: string): string {
  switch (status) {
    case 'approved':
      return m.org_request_status_approved();
    case 'declined':
      return m.org_request_status_declined();
    case 'withdrawn':
      return m.org_request_status_withdrawn();
    default:
      return m.org_request_status_pending();
  }
}

export function orgFieldMessage(field: string, code: string): string {
  switch (code) {
    case 'taken':
      return m.org_problem_name_taken();
    case 'in_future':
      return m.org_field_founded_future();
    case 'enum':
      return /countr/i.test(field) ? m.field_country_invalid() : m.field_invalid();
    case 'minItems':
      return m.field_required();
    case 'pattern':
      return /website/i.test(field) ? m.org_field_website_invalid() : m.field_invalid();
    case 'too_large':
      return m.org_field_logo_too_large();
    case 'not_an_image':
    case 'unsafe_svg':
    case 'empty':
      return m.org_field_logo_invalid();
    default:
      return fieldMessage(field, code);
  }
}

/** The failure a form shows from an API problem: `body.countries.1` is reported on `countries`. */
export function orgFailure(problem: ApiProblem, values: Record<string, string>, form?: string): FormFailure {
  const fields: Record<string, string> = {};
  for (const issue of problem.fields ?? []) {
    const name = issue.field.replace(/^body\./, '').split('.')[0];
    fields[name] ??= orgFieldMessage(issue.field, issue.code);
  }
  return { form, values, code: problem.code, message: problemMessage(problem.code), fields };
}

const auditLabels: Record<string, () => string> = {
  'organisation.applied': m.org_audit_applied,
  'organisation.updated': m.org_audit_updated,
  'status.approved': m.org_audit_approved,
  'status.rejected': m.org_audit_rejected,
  'status.suspended': m.org_audit_suspended,
  'status.reinstated': m.org_audit_reinstated,
  'member.added': m.org_audit_member_added,
  'member.removed': m.org_audit_member_removed,
  'member.left': m.org_audit_member_left,
  'member.role_changed': m.org_audit_role_changed,
  'member.listing_changed': m.org_audit_listing_changed,
  'join.requested': m.org_audit_join_requested,
  'join.approved': m.org_audit_join_approved,
  'join.declined': m.org_audit_join_declined,
  'invitation.sent': m.org_audit_invitation_sent,
  'invitation.accepted': m.org_audit_invitation_accepted,
  'logo.updated': m.org_audit_logo_updated,
  'logo.removed': m.org_audit_logo_removed
};

export function auditActionLabel(action: string): string {
  return auditLabels[action]?.() ?? action;
}
