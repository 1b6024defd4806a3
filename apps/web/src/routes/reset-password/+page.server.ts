import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, failWithFields, formText } from '$lib/server/forms';
import { fieldMessage } from '$lib/i18n/problems';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const token = formText(data, 'token');
    const password = formText(data, 'password');
    if (password !== formText(data, 'confirmPassword')) {
      return failWithFields({}, { confirmPassword: fieldMessage('confirmPassword', 'passwords_differ') });
    }
    const result = await call(event, api.confirmPasswordReset, { body: { token, password } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {});
    // Every session ended with the reset, this one too: sign in with the new password.
    redirect(303, '/sign-in?reset=1');
  }
};
