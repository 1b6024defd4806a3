import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (event.locals.user) {
    // Signed in, `/` is the person's own home: every domain's sections, in one call.
    // Re-read when a live event on what it shows arrives (see LiveRefresh in the page).
    event.depends('app:home');
    const home = await call(event, api.myHome, {});
    // A home that cannot be read still greets the person; the sections come back on the next load.
    return { home: home.ok ? home.data.sections : [], newestOrganisations: [], latestThreads: [], nextEvents: [] };
  }
  // The home page stays up when a section cannot load; the section shows its empty state.
  const [newest, threads, resources, next] = await Promise.all([
    call(event, api.newestOrganisations, { query: { limit: 6 } }),
    call(event, api.listThreads, { query: { limit: 5 } }),
    call(event, api.newestResources, { query: { limit: 6 } }),
    // What is next: the soonest published events (cancelled ones are left to the listing).
    call(event, api.listEvents, { query: { when: 'upcoming', status: 'published', pageSize: 4 } })
  ]);
  return {
    home: null,
    newestOrganisations: newest.ok ? newest.data.items : [],
    latestThreads: threads.ok ? threads.data.items : [],
    newestResources: resources.ok ? resources.data.items : [],
    nextEvents: next.ok ? next.data.items : []
  };
};
