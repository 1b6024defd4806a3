import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import { loadEvent } from '../../events.server';
import type { Actions, PageServerLoad } from './$types';

/** The check-in desk: confirmed attendees, searched by name; a GET form, so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=/events/${encodeURIComponent(event.params.id)}/check-in`);
  event.depends('app:event');
  const page = await loadEvent(event, event.params.id);
  const q = event.url.searchParams.get('q')?.trim().slice(0, 120) ?? '';
  const list = await call(event, api.listAttendees, { params: { id: event.params.id }, query: { status: 'confirmed', ...(q && { q }) } });
  if (!list.ok) error(list.status, list.problem.code);
  return { event: page.event, q, attendees: list.data };
};

export const actions: Actions = {
  mark: async (event) => {
    const data = await event.request.formData();
    const registrationId = formText(data, 'registrationId');
    const attended = formText(data, 'attended') === 'true';
    if (!/^[0-9a-f-]{36}$/i.test(registrationId)) error(400, 'bad_request');
    const result = await call(event, api.checkInAttendee, { params: { id: event.params.id, registrationId }, body: { attended } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'mark');
    return { marked: registrationId, attended };
  }
};
