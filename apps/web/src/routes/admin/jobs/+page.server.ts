import { error, fail, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { problemMessage } from '$lib/i18n/problems';
import type { Actions, PageServerLoad } from './$types';

/** Admins see the tasks that failed after all their retries and send them back to the queue; the API decides who may. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  const page = Math.min(10_000, Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1));
  const result = await call(event, api.listFailedJobs, { query: { page } });
  if (!result.ok) error(result.status, result.problem.code);
  return { list: result.data };
};

export const actions: Actions = {
  retry: async (event) => {
    const data = await event.request.formData();
    const id = formText(data, 'id');
    const summary = formText(data, 'summary');
    const result = await call(event, api.retryFailedJob, { params: { id } });
    if (!result.ok) {
      // `form` names the row, so the page shows the message next to that task (if it is still listed).
      const failure: FormFailure = { form: id, values: {}, code: result.problem.code, message: problemMessage(result.problem.code), fields: {} };
      return fail(result.status >= 400 && result.status <= 599 ? result.status : 500, failure);
    }
    // The retried task leaves the list, so the confirmation names it at the top of the page.
    return { retried: { id, summary } };
  }
};
