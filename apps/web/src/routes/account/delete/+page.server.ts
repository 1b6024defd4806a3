import { fail, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { problemMessage } from '$lib/i18n/problems';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The confirmation step before deleting an account: a page of its own, so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/account/delete');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    // On success the API ends every session and clears the cookie.
    const result = await call(event, api.deleteMyAccount, {
      body: { password: formText(data, 'password'), confirm: formText(data, 'confirm') === 'on' }
    });
    if (result.ok) redirect(303, '/account/deleted');
    const { problem } = result;
    if (problem.code === 'account_deletion_blocked') {
      // What keeps the account from going, each to resolve first: an organisation (slug, name), the hub's admin role.
      const blockers = (problem.fields ?? []).map((f) => ({ kind: f.code, ref: f.field.split('.').slice(1).join('.'), name: f.message }));
      return fail(409, { form: 'delete', values: {}, code: problem.code, message: problemMessage(problem.code), fields: {} as Record<string, string>, blockers });
    }
    return failFromProblem(result.status, problem, {}, 'delete');
  }
};
