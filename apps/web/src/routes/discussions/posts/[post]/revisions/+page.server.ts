import { error } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

/** Earlier versions of an edited post, newest first. */
export const load: PageServerLoad = async (event) => {
  const id = event.params.post;
  if (!/^[0-9a-f-]{36}$/.test(id)) error(404, 'not_found');
  const result = await call(event, api.listPostRevisions, { params: { id } });
  if (!result.ok) error(result.status === 400 ? 404 : result.status, result.problem.code);
  return { revisions: result.data.items };
};
