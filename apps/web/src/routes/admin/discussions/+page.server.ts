import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import { suspendFromForm } from '$lib/server/suspension';
import type { Actions, PageServerLoad } from './$types';

/** The coordinators' queue of flagged posts. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/admin/discussions');
  const result = await call(event, api.listFlaggedPosts, {});
  if (!result.ok) error(result.status, result.problem.code);
  return { flags: result.data.items };
};

export const actions: Actions = {
  moderate: async (event) => {
    const data = await event.request.formData();
    const postId = formText(data, 'postId');
    const result = await call(event, api.moderatePost, { params: { id: postId }, body: { action: formText(data, 'action') } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, postId);
    return { done: postId };
  },
  // A flagged post's author, suspended from the queue (the API applies who may suspend whom).
  suspend: async (event) => suspendFromForm(event, await event.request.formData())
};
