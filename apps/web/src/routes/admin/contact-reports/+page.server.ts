import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

/** Coordinators read the messages members reported as abuse; the API decides who may. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  const page = Math.min(10_000, Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1));
  const result = await call(event, api.listContactReports, { query: { page } });
  if (!result.ok) error(result.status, result.problem.code);
  return { list: result.data };
};
