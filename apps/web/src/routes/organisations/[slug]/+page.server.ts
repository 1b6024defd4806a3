import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { failOrganisation, loadProfile } from '../organisations.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // Re-read when `organisation:<id>` says it changed (LiveRefresh in the page).
  event.depends('app:organisation');
  const profile = await loadProfile(event, event.params.slug);
  // Threads posted on its behalf (only members post for an approved organisation), the
  // library's resources it published, the events it hosts: read together, not one after
  // another (each is a round trip to the database). The page stays up when one cannot load.
  const [threads, resources, upcoming, past] = await Promise.all([
    profile.organisation.status === 'approved' ? call(event, api.listThreads, { query: { organisation: event.params.slug, limit: 5 } }) : null,
    call(event, api.organisationResources, { params: { slug: event.params.slug } }),
    call(event, api.listEvents, { query: { organisation: event.params.slug, when: 'upcoming', pageSize: 5 } }),
    call(event, api.listEvents, { query: { organisation: event.params.slug, when: 'past', pageSize: 5 } })
  ]);
  return {
    profile,
    threads: threads?.ok ? threads.data.items : [],
    resources: resources.ok ? resources.data : null,
    events: { upcoming: upcoming.ok ? upcoming.data : null, past: past.ok ? past.data : null },
    joined: event.url.searchParams.has('joined')
  };
};

export const actions: Actions = {
  join: async (event) => {
    if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}`);
    const message = formText(await event.request.formData(), 'message');
    const result = await call(event, api.requestToJoinOrganisation, { params: { slug: event.params.slug }, body: { message: message.trim() } });
    if (!result.ok) return failOrganisation(result.status, result.problem, { message }, 'join');
    return { done: 'join' };
  },

  listed: async (event) => {
    if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}`);
    const listed = formText(await event.request.formData(), 'listed') === 'true';
    const params = { slug: event.params.slug, userId: event.locals.user.id };
    const result = await call(event, api.updateOrganisationMember, { params, body: { listed } });
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'membership');
    return { done: 'listed' };
  },

  leave: async (event) => {
    if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}`);
    const result = await call(event, api.removeOrganisationMember, { params: { slug: event.params.slug, userId: event.locals.user.id } });
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'membership');
    redirect(303, '/organisations/mine');
  }
};
