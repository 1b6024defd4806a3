import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { slug } = event.params;
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(`/admin/organisations/${slug}/audit`)}`);
  const page = Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1);
  const result = await call(event, api.organisationAudit, { params: { slug }, query: { page } });
  // A malformed slug is a page that does not exist.
  if (!result.ok) error(result.status === 400 ? 404 : result.status, result.problem.code);
  return { audit: result.data, slug };
};
