import { m } from '$lib/paraglide/messages';
import { limits } from '$lib/forms';

/**
 * The API's problem codes in the reader's language. The API's own `detail` is English
 * and meant for developers; people see these.
 */
export function problemMessage(code: string): string {
  switch (code) {
    case 'validation_failed':
      return m.problem_validation_failed();
    case 'invalid_credentials':
      return m.problem_invalid_credentials();
    case 'email_not_verified':
      return m.problem_email_not_verified();
    case 'rate_limited':
      return m.problem_rate_limited();
    case 'invalid_token':
      return m.problem_invalid_token();
    case 'wrong_password':
      return m.problem_wrong_password();
    case 'unauthenticated':
      return m.problem_unauthenticated();
    case 'forbidden':
    case 'cross_origin_refused':
      return m.problem_forbidden();
    case 'not_found':
      return m.problem_not_found();
    default:
      return m.problem_generic();
  }
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
    default:
      return m.field_invalid();
  }
}
