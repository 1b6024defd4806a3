import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // The home page stays up when a section cannot load; the section shows its empty state.
  const [newest, threads] = await Promise.all([
    call(event, api.newestOrganisations, { query: { limit: 6 } }),
    call(event, api.listThreads, { query: { limit: 5 } })
  ]);
  return { newestOrganisations: newest.ok ? newest.data.items : [], latestThreads: threads.ok ? threads.data.items : [] };
};
