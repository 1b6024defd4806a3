import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import { logoMessageFromUrl } from '../[slug]/edit/logo-message';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/organisations/mine');
  // Re-read when the person's live topic or one of these organisations' says something changed.
  event.depends('app:my-organisations');
  const result = await call(event, api.myOrganisations, {});
  if (!result.ok) error(result.status, result.problem.code);
  return {
    mine: result.data,
    applied: event.url.searchParams.has('applied'),
    // The application went through but its logo was refused (apply/+page.server.ts).
    logoRefused: logoMessageFromUrl(event.url.searchParams)
  };
};

export const actions: Actions = {
  /** The person takes back their own request to join while it waits. */
  withdraw: async (event) => {
    const data = await event.request.formData();
    const params = { slug: formText(data, 'slug'), requestId: formText(data, 'requestId') };
    const result = await call(event, api.withdrawJoinRequest, { params });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'requests');
    return { done: 'withdrawn' };
  }
};
