import { fail, type RequestEvent } from '@sveltejs/kit';
import { api, type ApiProblem, type ProblemCode } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { problemMessage } from '$lib/i18n/problems';
import { call } from '$lib/server/api';
import { failFromProblem } from '$lib/server/forms';

/** Which form failed and why, in the reader's language, with what they typed. */
export function failDiscussion(status: number, problem: ApiProblem, values: Record<string, string>, form: string) {
  return failFromProblem(status, problem, values, form);
}

/** Tags as typed ("vivienda, crédito"): trimmed, empty ones dropped, each once. */
export function readTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}

/** `<uuid>` or `<uuid>-<words of the title>`: the id is what finds the thread. */
export function threadIdOf(param: string): string | null {
  const id = param.slice(0, 36).toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

/**
 * The image a form sent without JavaScript (the field `image`), uploaded through the
 * API, its Markdown added at the end of the text. With JavaScript the editor uploads
 * it at once and inserts it at the cursor, so the field arrives empty.
 */
export async function attachFormImage(
  event: RequestEvent,
  data: FormData,
  body: string
): Promise<{ ok: true; body: string } | { ok: false; status: number; code: ProblemCode; message: string }> {
  const file = data.get('image');
  if (!(file instanceof File) || file.size === 0) return { ok: true, body };
  const upload = new FormData();
  upload.set('image', file, file.name);
  const result = await call(event, api.uploadPostImage, { body: upload });
  if (!result.ok) return { ok: false, status: result.status, code: result.problem.code, message: problemMessage(result.problem.code) };
  return { ok: true, body: `${body.trimEnd()}\n\n${result.data.markdown}\n` };
}

/** The form shown again after a failed image, with the message under the image field. */
export function failImage(failure: { status: number; code: ProblemCode; message: string }, values: Record<string, string>, form: string) {
  const fields: Record<string, string> = { image: failure.message };
  const failed: FormFailure = { form, values, code: failure.code, message: failure.message, fields };
  return fail(failure.status, failed);
}
