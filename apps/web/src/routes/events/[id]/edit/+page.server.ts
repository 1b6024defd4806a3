import { error, fail, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem } from '$lib/server/forms';
import { problemMessage } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';
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
  cover: async (event) => {
    let posted: FormData;
    try {
      posted = await event.request.formData();
    } catch {
      return fail(413, { form: 'cover', values: {}, code: 'cover_too_large', message: m.events_problem_cover_too_large(), fields: { cover: m.events_problem_cover_too_large() } });
    }
    const file = posted.get('cover');
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
      return fail(400, { form: 'cover', values: {}, code: 'validation_failed', message: m.events_cover_required(), fields: { cover: m.events_cover_required() } });
    }
    const upload = new FormData();
    upload.set('cover', file, file.name);
    const result = await call(event, api.uploadEventCover, { params: { id: event.params.id }, body: upload });
    if (!result.ok) {
      const message = problemMessage(result.problem.code);
      return fail(result.status, { form: 'cover', values: {}, code: result.problem.code, message, fields: { cover: message } });
    }
    return { form: 'cover', done: 'cover_saved' };
  },
  removeCover: async (event) => {
    const result = await call(event, api.removeEventCover, { params: { id: event.params.id } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'cover');
    return { form: 'cover', done: 'cover_removed' };
  },
  save: async (event) => {
    const { values, body } = readEventForm(await event.request.formData());
    const result = await call(event, api.updateEvent, { params: { id: event.params.id }, body });
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    redirect(303, `/events/${event.params.id}`);
  }
};
