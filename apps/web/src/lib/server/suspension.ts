import { fail, type RequestEvent } from '@sveltejs/kit';
import { api, SUSPENSION_REASON_MAX } from '@mutirao/shared';
import { zonedToInstant } from '@mutirao/shared/zoned-time';
import type { FormFailure } from '$lib/forms';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { suspensionProblemMessage, suspensionPeriods, type SuspensionPeriod } from '$lib/suspension/suspension';
import { m } from '$lib/paraglide/messages';

const DAY = 24 * 60 * 60 * 1000;

/**
 * When a suspension chosen on a form ends: a number of days from now, the start of a
 * chosen day in the moderator's time zone (suspended "until 5 December": back on the 5th),
 * or null for until reinstated. undefined when the choice is missing or unreadable.
 */
export function suspensionEnd(period: string, date: string, timeZone: string, now = Date.now()): Date | null | undefined {
  if (!suspensionPeriods.includes(period as SuspensionPeriod)) return undefined;
  if (period === 'indefinite') return null;
  if (period === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
    const instant = zonedToInstant(`${date}T00:00`, timeZone);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  return new Date(now + Number(period) * DAY);
}

/**
 * The suspend form's action, shared by the people page and the moderation queue: reads
 * the period and reason, calls the API, and answers the failure keyed by the person's id
 * (so the page shows it beside them) or what was done.
 */
export async function suspendFromForm(event: RequestEvent, data: FormData) {
  const id = formText(data, 'id');
  const values = { period: formText(data, 'period'), date: formText(data, 'date'), reason: formText(data, 'reason') };
  const failure = (status: number, code: string, message: string, fields: Record<string, string>) =>
    fail(status, { form: `suspend-${id}`, values, code, message, fields } satisfies FormFailure);
  const fields: Record<string, string> = {};
  const until = suspensionEnd(values.period, values.date, event.locals.timeZone);
  if (until === undefined) fields[values.period === 'date' ? 'date' : 'period'] = m.susp_field_period();
  else if (until && until.getTime() <= Date.now()) fields.date = m.susp_field_past();
  if (!values.reason.trim()) fields.reason = m.susp_field_reason();
  else if (values.reason.length > SUSPENSION_REASON_MAX) fields.reason = m.field_too_long();
  if (Object.keys(fields).length > 0) return failure(400, 'validation_failed', suspensionProblemMessage('validation_failed'), fields);

  const result = await call(event, api.suspendUser, { params: { id }, body: { until: until?.toISOString() ?? null, reason: values.reason } });
  if (!result.ok) {
    const apiFields: Record<string, string> = {};
    for (const issue of result.problem.fields ?? []) {
      if (issue.field === 'body.until') apiFields.date = m.susp_field_past();
      else if (issue.field === 'body.reason') apiFields.reason = m.susp_field_reason();
    }
    return failure(result.status >= 400 && result.status <= 599 ? result.status : 500, result.problem.code, suspensionProblemMessage(result.problem.code), apiFields);
  }
  return { suspended: { id, name: result.data.user.name, until: result.data.user.suspension?.until ?? null } };
}

export async function reinstateFromForm(event: RequestEvent, data: FormData) {
  const id = formText(data, 'id');
  const result = await call(event, api.reinstateUser, { params: { id } });
  if (!result.ok) {
    return fail(result.status >= 400 && result.status <= 599 ? result.status : 500, {
      form: `reinstate-${id}`,
      values: {},
      code: result.problem.code,
      message: suspensionProblemMessage(result.problem.code),
      fields: {}
    } satisfies FormFailure);
  }
  return { reinstated: { id, name: result.data.user.name } };
}
