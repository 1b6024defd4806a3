import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows a button: mail scanners fetch links, and a GET must not
// use up the token. The person confirms with a POST (signed in or not: the link is the proof).
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const result = await call(event, api.confirmEmailChange, { body: { token: formText(data, 'token') } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'confirm');
    return { confirmed: result.data.email };
  }
};
