// The account page's part for the owner's rights: a new email address, messages from
// members on or off. (The export is a download at /account/export, deletion has its
// own confirmation page at /account/delete.)
import type { RequestEvent } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';

export async function contactPreference(event: RequestEvent): Promise<boolean> {
  const result = await call(event, api.getMyContactPreference, {});
  // Shown as open when the setting cannot be read: that is what a person without one has.
  return result.ok ? result.data.open : true;
}

export const accountRightsActions = {
  email: async (event: RequestEvent) => {
    const data = await event.request.formData();
    const newEmail = formText(data, 'newEmail').trim();
    const result = await call(event, api.requestEmailChange, { body: { newEmail, password: formText(data, 'password') } });
    if (!result.ok) return failFromProblem(result.status, result.problem, { newEmail }, 'email');
    return { saved: 'email' as const, newEmail };
  },

  contact: async (event: RequestEvent) => {
    const data = await event.request.formData();
    const open = formText(data, 'open') === 'on';
    const result = await call(event, api.setMyContactPreference, { body: { open } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'contact');
    return { saved: 'contact' as const, open: result.data.open };
  }
};
