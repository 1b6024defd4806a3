import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call, sessionCookieNames } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link could be followed by a crawler or an <img>); GET shows a button.
export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/');
};

export const actions: Actions = {
  default: async (event) => {
    // The API ends the session and clears the cookie; its Set-Cookie is passed on.
    const result = await call(event, api.signOut, {});
    if (!result.ok) {
      // Whatever went wrong on the server, this browser forgets the session.
      for (const name of sessionCookieNames) {
        if (event.cookies.get(name)) event.cookies.delete(name, { path: '/', secure: name.startsWith('__Host-') });
      }
    }
    redirect(303, '/');
  }
};
