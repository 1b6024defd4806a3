import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A message between two members, where its recipient answers it or reports it (the mail links here). */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`);
  if (!uuid.test(event.params.id)) error(404, 'not_found');
  const result = await call(event, api.getContactMessage, { params: { id: event.params.id } });
  if (!result.ok) error(result.status, result.problem.code);
  return { message: result.data };
};

export const actions: Actions = {
  reply: async (event) => {
    const data = await event.request.formData();
    const body = formText(data, 'body');
    const result = await call(event, api.replyToContactMessage, { params: { id: event.params.id }, body: { body } });
    if (!result.ok) return failFromProblem(result.status, result.problem, { body }, 'reply');
    return { done: 'reply' as const };
  },
  report: async (event) => {
    const data = await event.request.formData();
    const reason = formText(data, 'reason');
    const result = await call(event, api.reportContactMessage, { params: { id: event.params.id }, body: { reason } });
    if (!result.ok) return failFromProblem(result.status, result.problem, { reason }, 'report');
    return { done: 'report' as const };
  }
};
