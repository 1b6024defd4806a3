import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import { localPath } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows a button: mail scanners fetch links, and a GET must not
// use up the token. The person confirms with a POST.
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  verify: async (event) => {
    const data = await event.request.formData();
    const token = formText(data, 'token');
    const result = await call(event, api.verifyEmail, { body: { token } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'verify');
    const next = localPath(result.data.next, '');
    redirect(303, next ? `/sign-in?verified=1&next=${encodeURIComponent(next)}` : '/sign-in?verified=1');
  },
  resend: async (event) => {
    const data = await event.request.formData();
    const email = formText(data, 'email').trim();
    const result = await call(event, api.resendVerification, { body: { email } });
    if (!result.ok) return failFromProblem(result.status, result.problem, { email }, 'resend');
    return { resent: true, email };
  }
};
