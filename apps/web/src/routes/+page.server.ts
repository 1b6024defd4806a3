import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // The home page stays up when a section cannot load; the section shows its empty state.
  const [newest, resources] = await Promise.all([
    call(event, api.newestOrganisations, { query: { limit: 6 } }),
    call(event, api.newestResources, { query: { limit: 6 } })
  ]);
  return { newestOrganisations: newest.ok ? newest.data.items : [], newestResources: resources.ok ? resources.data.items : [] };
};
