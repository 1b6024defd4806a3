import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form to write to a person through the hub; the API says whether they accept messages. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`);
  if (!uuid.test(event.params.id)) error(404, 'not_found');
  const status = await call(event, api.contactStatus, { params: { id: event.params.id } });
  if (!status.ok) error(status.status, status.problem.code);
  return { person: { id: event.params.id, ...status.data } };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = { subject: formText(data, 'subject'), body: formText(data, 'body') };
    const result = await call(event, api.sendContactMessage, { params: { id: event.params.id }, body: values });
    if (!result.ok) return failFromProblem(result.status, result.problem, values, 'contact');
    return { sent: true };
  }
};
