import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const email = formText(data, 'email').trim();
    const result = await call(event, api.requestPasswordReset, { body: { email } });
    if (!result.ok) return failFromProblem(result.status, result.problem, { email });
    // The same answer whether or not the address has an account: nothing is revealed.
    return { sent: true, email };
  }
};
