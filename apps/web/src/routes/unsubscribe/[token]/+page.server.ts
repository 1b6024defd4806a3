import { fail } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { problemMessage } from '$lib/i18n/problems';
import { call } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

/**
 * A notification mail's unsubscribe link. Opening it changes nothing (mail scanners
 * open every link); the button posts the form, which works without JavaScript and
 * without signing in: the signed token is the authority.
 */
export const load: PageServerLoad = async (event) => {
  const result = await call(event, api.unsubscribeInfo, { params: { token: event.params.token } });
  if (!result.ok) {
    if (result.status === 400) return { info: null };
    return { info: null, message: problemMessage(result.problem.code) };
  }
  return { info: result.data };
};

export const actions: Actions = {
  default: async (event) => {
    const result = await call(event, api.unsubscribe, {
      params: { token: event.params.token },
      body: { 'List-Unsubscribe': 'One-Click' }
    });
    if (!result.ok) return fail(result.status, { message: problemMessage(result.problem.code) });
    return { done: result.data };
  }
};
