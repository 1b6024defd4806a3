import type { ApiProblem } from '@mutirao/shared';
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
