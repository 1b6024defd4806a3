import { error, fail, redirect } from '@sveltejs/kit';
import { api, roles, type Role } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { reinstateFromForm, suspendFromForm } from '$lib/server/suspension';
import { roleProblemMessage } from './people';
import type { Actions, PageServerLoad } from './$types';

/** The API refuses longer searches (UserListQuery); a longer one is cut rather than refused. */
const maxQueryLength = 200;

/**
 * Admins find people and change their hub-wide role; coordinators and admins suspend and
 * reinstate accounts. The API decides who may (403 for anyone else).
 */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, maxQueryLength);
  const page = Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1);
  const result = await call(event, api.listUsers, { query: { page, ...(q && { q }) } });
  if (!result.ok) error(result.status, result.problem.code);
  return { q, list: result.data, roles: [...roles] };
};

export const actions: Actions = {
  role: async (event) => {
    const data = await event.request.formData();
    const id = formText(data, 'id');
    const role = formText(data, 'role');
    // `form` names the row, so the page shows the message next to that person.
    if (!roles.includes(role as Role)) {
      return fail(400, { form: id, values: { role }, code: 'validation_failed', message: roleProblemMessage('validation_failed'), fields: {} } satisfies FormFailure);
    }
    const result = await call(event, api.setUserRole, { params: { id }, body: { role: role as Role } });
    if (!result.ok) {
      const failure: FormFailure = { form: id, values: { role }, code: result.problem.code, message: roleProblemMessage(result.problem.code), fields: {} };
      return fail(result.status >= 400 && result.status <= 599 ? result.status : 500, failure);
    }
    // An admin who gave up their own admin role may no longer see this page.
    if (id === event.locals.user?.id && result.data.user.role !== 'admin') redirect(303, '/');
    return { changed: { id, name: result.data.user.name, role: result.data.user.role } };
  },
  suspend: async (event) => suspendFromForm(event, await event.request.formData()),
  reinstate: async (event) => reinstateFromForm(event, await event.request.formData())
};
