import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/organisations/mine');
  const result = await call(event, api.myOrganisations, {});
  if (!result.ok) error(result.status, result.problem.code);
  return { mine: result.data, applied: event.url.searchParams.has('applied') };
};
