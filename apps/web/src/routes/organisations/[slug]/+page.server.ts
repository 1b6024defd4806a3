import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { failOrganisation, loadProfile } from '../organisations.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
  profile: await loadProfile(event, event.params.slug),
  joined: event.url.searchParams.has('joined')
});

export const actions: Actions = {
  join: async (event) => {
    if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}`);
    const message = formText(await event.request.formData(), 'message');
    const { organisation } = await loadProfile(event, event.params.slug);
    const result = await api(event, 'POST', `/api/organisations/${organisation.id}/join-requests`, { message: message.trim() });
    if (!result.ok) return failOrganisation(result.status, result.problem, { message }, 'join');
    return { done: 'join' };
  },

  listed: async (event) => {
    if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}`);
    const listed = formText(await event.request.formData(), 'listed') === 'true';
    const { organisation } = await loadProfile(event, event.params.slug);
    const result = await api(event, 'PATCH', `/api/organisations/${organisation.id}/members/${event.locals.user.id}`, { listed });
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'membership');
    return { done: 'listed' };
  },

  leave: async (event) => {
    if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}`);
    const { organisation } = await loadProfile(event, event.params.slug);
    const result = await api(event, 'DELETE', `/api/organisations/${organisation.id}/members/${event.locals.user.id}`);
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'membership');
    redirect(303, '/organisations/mine');
  }
};
