import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  const { id } = event.params;
  // `/people/me` is a link anyone can be given: it leads to one's own profile.
  if (id === 'me') {
    if (!event.locals.user) redirect(303, '/sign-in?next=/people/me');
    redirect(303, `/people/${event.locals.user.id}`);
  }
  // Anything else that is not an id is a page nobody has, not a malformed request.
  if (!UUID.test(id)) error(404, 'not_found');
  const result = await call(event, api.getPerson, { params: { id: id.toLowerCase() } });
  if (!result.ok) error(result.status, result.problem.code);
  return { profile: result.data };
};
