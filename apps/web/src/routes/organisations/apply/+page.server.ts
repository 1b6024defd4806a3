import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failApplicationForm, failOrganisation, readApplicationForm } from '../organisations.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/sign-in?next=/organisations/apply');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    const { values, body, invalid } = readApplicationForm(await event.request.formData());
    if (Object.keys(invalid).length > 0) return failApplicationForm(values, invalid);
    const result = await call(event, api.applyForOrganisation, { body });
    if (!result.ok) return failOrganisation(result.status, result.problem, values);
    redirect(303, '/organisations/mine?applied=1');
  }
};
