import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem } from '$lib/server/forms';
import { formValuesOf, loadEvent, QUESTION_SLOTS, readEventForm } from '../../events.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=/events/${encodeURIComponent(event.params.id)}/edit`);
  const page = await loadEvent(event, event.params.id);
  if (!page.viewer.canEdit) error(403, 'forbidden');
  const mine = await call(event, api.myOrganisations, {});
  const own = mine.ok ? mine.data.memberships.filter((m) => m.role === 'admin').map((m) => ({ slug: m.organisation.slug, name: m.organisation.name })) : [];
  const hostChoices = [...page.event.hosts.map((h) => ({ slug: h.slug, name: h.name })), ...own.filter((o) => !page.event.hosts.some((h) => h.slug === o.slug))];
  return { event: page.event, hostChoices, values: formValuesOf(page.event, event.locals.timeZone), questionSlots: QUESTION_SLOTS };
};

export const actions: Actions = {
  default: async (event) => {
    const { values, body } = readEventForm(await event.request.formData());
    const result = await call(event, api.updateEvent, { params: { id: event.params.id }, body });
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    redirect(303, `/events/${event.params.id}`);
  }
};
