import { redirect } from '@sveltejs/kit';
import { localPath } from '$lib/forms';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, '/account');
  return { next: localPath(url.searchParams.get('next'), '') };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = {
      name: formText(data, 'name'),
      email: formText(data, 'email'),
      locale: formText(data, 'locale'),
      country: formText(data, 'country'),
      organisationName: formText(data, 'organisationName'),
      next: localPath(formText(data, 'next'), '')
    };
    const organisationName = values.organisationName.trim();
    const result = await call(event, api.signUp, { body: {
      name: values.name.trim(),
      email: values.email.trim(),
      password: formText(data, 'password'),
      locale: values.locale,
      country: values.country,
      ...(organisationName && { organisationName }),
      // The verification link brings the person back where they started.
      ...(values.next && { next: values.next })
    } });
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    return { signedUp: true, email: values.email.trim() };
  }
};
