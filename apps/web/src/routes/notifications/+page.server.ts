import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/notifications');
  // A live notification re-runs this load too, so an open list grows by itself.
  event.depends('app:notifications');
  const page = Math.min(1000, Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1));
  const result = await call(event, api.listNotifications, { query: { page } });
  if (!result.ok) error(result.status, result.problem.code);
  return { list: result.data };
};

export const actions: Actions = {
  readAll: async (event) => {
    const result = await call(event, api.markNotificationsRead, { body: {} });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'read');
    return { marked: 'all' as const };
  },

  read: async (event) => {
    const id = formText(await event.request.formData(), 'id');
    const result = await call(event, api.markNotificationsRead, { body: { ids: [id] } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'read');
    return { marked: 'one' as const };
  }
};
