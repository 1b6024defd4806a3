import { fail } from '@sveltejs/kit';
import type { ApiProblem } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { fieldMessage, problemMessage } from '$lib/i18n/problems';

/** A text field from a posted form; a missing field reads as empty. */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** A failed action built from the API's problem: the form is shown again with the messages. */
export function failFromProblem(status: number, problem: ApiProblem, values: Record<string, string>, form?: string) {
  const fields: Record<string, string> = {};
  for (const issue of problem.fields ?? []) {
    const name = issue.field.replace(/^body\./, '');
    fields[name] ??= fieldMessage(name, issue.code);
  }
  const failure: FormFailure = { form, values, code: problem.code, message: problemMessage(problem.code), fields };
  return fail(status >= 400 && status <= 599 ? status : 500, failure);
}

/** A failed action found before calling the API (for example, the two new passwords differ). */
export function failWithFields(values: Record<string, string>, fields: Record<string, string>, form?: string) {
  const failure: FormFailure = { form, values, code: 'validation_failed', message: problemMessage('validation_failed'), fields };
  return fail(400, failure);
}
