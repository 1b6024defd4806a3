import type { OrganisationCard } from '@mutirao/shared';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // The home page stays up when a section cannot load; the section shows its empty state.
  const newest = await api<{ items: OrganisationCard[] }>(event, 'GET', '/api/organisations/newest?limit=6');
  return { newestOrganisations: newest.ok ? newest.data.items : [] };
};
