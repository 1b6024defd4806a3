import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem } from '$lib/server/forms';
import { formValuesOf, QUESTION_SLOTS, readEventForm } from '../events.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/events/new');
  const mine = await call(event, api.myOrganisations, {});
  const hostChoices = mine.ok
    ? mine.data.memberships.filter((m) => m.role === 'admin' && m.organisation.status === 'approved').map((m) => ({ slug: m.organisation.slug, name: m.organisation.name }))
    : [];
  return { hostChoices, values: formValuesOf(null, event.locals.timeZone), questionSlots: QUESTION_SLOTS };
};

export const actions: Actions = {
  default: async (event) => {
    if (!event.locals.user) redirect(303, '/sign-in?next=/events/new');
    const { values, body } = readEventForm(await event.request.formData());
    const result = await call(event, api.createEvent, { body });
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    redirect(303, `/events/${result.data.event.id}`);
  }
};
