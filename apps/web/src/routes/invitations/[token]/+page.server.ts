import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { failOrganisation } from '../../organisations/organisations.server';
import type { Actions, PageServerLoad } from './$types';

/** An invitation link: what it is for, and accepting it (after signing in or signing up). */
export const load: PageServerLoad = async (event) => {
  const result = await call(event, api.previewInvitation, { params: { token: event.params.token } });
  if (!result.ok) error(result.status === 400 ? 404 : result.status, result.problem.code);
  return { invitation: result.data, here: `/invitations/${event.params.token}` };
};

export const actions: Actions = {
  default: async (event) => {
    if (!event.locals.user) redirect(303, `/sign-in?next=/invitations/${event.params.token}`);
    const confirm = formText(await event.request.formData(), 'confirmDifferentAccount') === 'true';
    const result = await call(event, api.acceptInvitation, {
      params: { token: event.params.token },
      body: confirm ? { confirmDifferentAccount: true } : {}
    });
    if (!result.ok) return failOrganisation(result.status, result.problem);
    redirect(303, `/organisations/${result.data.organisation.slug}?joined=1`);
  }
};
