import { error, redirect } from '@sveltejs/kit';
import type { AuditEntry } from '@mutirao/shared';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=/admin/organisations/${encodeURIComponent(event.params.id)}/audit`);
  if (!/^[0-9a-f-]{36}$/i.test(event.params.id)) error(404, 'not_found');
  const page = Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1);
  const result = await api<{ items: AuditEntry[]; total: number; page: number; pageSize: number }>(
    event,
    'GET',
    `/api/admin/organisations/${event.params.id}/audit?page=${page}`
  );
  if (!result.ok) error(result.status, result.problem.code);
  return { audit: result.data, id: event.params.id };
};
