import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import { loadEvent } from '../../events.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=/events/${encodeURIComponent(event.params.id)}/attendees`);
  const page = await loadEvent(event, event.params.id);
  const [list, figures] = await Promise.all([
    call(event, api.listAttendees, { params: { id: event.params.id }, query: {} }),
    call(event, api.attendanceFigures, { params: { id: event.params.id } })
  ]);
  if (!list.ok) error(list.status, list.problem.code);
  if (!figures.ok) error(figures.status, figures.problem.code);
  return { event: page.event, attendees: list.data, figures: figures.data };
};

export const actions: Actions = {
  message: async (event) => {
    const data = await event.request.formData();
    const values = { subject: formText(data, 'subject'), body: formText(data, 'body') };
    const result = await call(event, api.messageAttendees, { params: { id: event.params.id }, body: { subject: values.subject.trim(), body: values.body.trim() } });
    if (!result.ok) return failFromProblem(result.status, result.problem, values, 'message');
    return { sent: result.data.recipients };
  }
};
