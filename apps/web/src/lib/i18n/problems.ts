import type { ProblemCode } from '@mutirao/shared';
import { m } from '$lib/paraglide/messages';
import { limits } from '$lib/forms';

/**
 * Every problem code the API declares (packages/shared/src/contract), in the reader's
 * language. The API's own `detail` is English and meant for developers; people see
 * these. A Record over ProblemCode, so a new code without a sentence fails the type check.
 */
const problemMessages: Record<ProblemCode, () => string> = {
  validation_failed: m.problem_validation_failed,
  already_registered: m.events_problem_already_registered,
  not_registered: m.events_problem_not_registered,
  registration_closed: m.events_problem_registration_closed,
  event_cancelled: m.events_problem_event_cancelled,
  event_not_published: m.events_problem_event_not_published,
  invalid_event_status: m.events_problem_invalid_event_status,
  capacity_below_confirmed: m.events_problem_capacity_below_confirmed,
  invalid_cover: m.events_problem_invalid_cover,
  cover_too_large: m.events_problem_cover_too_large,
  invalid_image: m.discussions_image_invalid,
  image_too_large: m.discussions_image_too_large,
  malformed_body: m.problem_unreadable_request,
  bad_request: m.problem_unreadable_request,
  unsupported_media_type: m.problem_unreadable_request,
  upgrade_required: m.problem_unreadable_request,
  unauthenticated: m.problem_unauthenticated,
  forbidden: m.problem_forbidden,
  cross_origin_refused: m.problem_forbidden,
  loopback_only: m.problem_forbidden,
  unknown_host: m.problem_unknown_host,
  not_found: m.problem_not_found,
  payload_too_large: m.problem_payload_too_large,
  rate_limited: m.problem_rate_limited,
  search_unavailable: m.org_problem_search_unavailable,
  database_unavailable: m.error_server_text,
  internal_error: m.error_server_text,
  invalid_credentials: m.problem_invalid_credentials,
  email_not_verified: m.problem_email_not_verified,
  wrong_password: m.problem_wrong_password,
  invalid_token: m.problem_invalid_token,
  email_taken: m.problem_email_taken,
  last_admin: m.org_problem_last_admin,
  organisation_name_taken: m.org_problem_name_taken,
  already_member: m.org_problem_already_member,
  join_request_pending: m.org_join_pending,
  already_decided: m.org_problem_already_decided,
  invalid_status: m.org_problem_invalid_status,
  invitation_email_mismatch: m.org_invitation_mismatch,
  invitation_expired: m.org_invitation_expired,
  invitation_used: m.org_invitation_used,
  invalid_file: m.library_problem_invalid_file,
  file_too_large: m.library_problem_file_too_large,
  invalid_resource_status: m.library_problem_invalid_status,
  invalid_logo: m.org_problem_logo,
  logo_too_large: m.org_problem_logo,
  job_not_found: m.admin_jobs_problem_not_found,
  invalid_photo: m.people_problem_photo,
  photo_too_large: m.people_problem_photo_too_large,
  account_deletion_blocked: m.account_problem_deletion_blocked,
  contact_closed: m.contact_problem_closed,
  contact_self: m.contact_problem_self,
  contact_limit_reached: m.contact_problem_limit,
  contact_already_replied: m.contact_problem_already_replied,
  thread_locked: m.discussions_problem_locked,
  post_deleted: m.discussions_problem_deleted,
  not_a_question: m.discussions_problem_not_question,
  invalid_answer: m.discussions_problem_invalid_answer,
  account_suspended: m.susp_problem_suspended,
  cannot_suspend_self: m.susp_problem_self,
  cannot_suspend_role: m.susp_problem_role,
  not_suspended: m.susp_problem_not_suspended,
  invalid_unsubscribe_link: m.unsub_problem_invalid
};

/** A page may say a code its own way (`last_admin` on the roles page is about the hub, not an organisation). */
export type ProblemWording = Partial<Record<ProblemCode, () => string>>;

export function problemMessage(code: ProblemCode, wording: ProblemWording = {}): string {
  return (wording[code] ?? problemMessages[code])();
}

/** A message for one failing field, from the validation keyword or the API's own code. */
export function fieldMessage(field: string, code: string): string {
  const isPassword = /password/i.test(field);
  switch (code) {
    case 'required':
      return m.field_required();
    case 'format':
      return /email/i.test(field) ? m.field_email_invalid() : m.field_invalid();
    case 'minLength':
      return isPassword ? m.field_password_too_short({ min: limits.passwordMin }) : m.field_required();
    case 'maxLength':
      return m.field_too_long();
    case 'unknown_country':
      return m.field_country_invalid();
    case 'wrong_password':
      return m.field_current_password_wrong();
    case 'passwords_differ':
      return m.field_passwords_differ();
    case 'unknown_time_zone':
      return m.events_field_error_time_zone();
    case 'ends_before_start':
      return m.events_field_error_ends_before_start();
    case 'closes_after_end':
      return m.events_field_error_closes_after_end();
    case 'opens_after_close':
      return m.events_field_error_opens_after_close();
    case 'below_confirmed':
      return m.events_problem_capacity_below_confirmed();
    case 'not_a_choice':
      return m.events_field_error_not_a_choice();
    case 'unknown_organisation':
      return m.events_field_error_unknown_organisation();
    case 'coordinates_pair':
      return m.events_field_error_coordinates();
    default:
      return m.field_invalid();
  }
}
