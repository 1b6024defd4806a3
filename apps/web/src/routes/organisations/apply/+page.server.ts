import { redirect } from '@sveltejs/kit';
import type { Organisation } from '@mutirao/shared';
import { api } from '$lib/server/api';
import { failOrganisation, readApplicationForm } from '../organisations.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/sign-in?next=/organisations/apply');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    const { values, body } = readApplicationForm(await event.request.formData());
    const result = await api<{ organisation: Organisation }>(event, 'POST', '/api/organisations', body);
    if (!result.ok) return failOrganisation(result.status, result.problem, values);
    redirect(303, '/organisations/mine?applied=1');
  }
};
