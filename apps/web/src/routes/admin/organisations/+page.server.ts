import { error, redirect } from '@sveltejs/kit';
import type { Organisation, PossibleDuplicate } from '@mutirao/shared';
import { api } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { failOrganisation } from '../../organisations/organisations.server';
import type { Actions, PageServerLoad } from './$types';

const statuses = ['pending', 'approved', 'suspended', 'rejected'] as const;
type Status = (typeof statuses)[number];

interface ReviewList {
  items: Array<{
    organisation: Organisation;
    applicant: { id: string; name: string; email: string; country: string } | null;
    possibleDuplicates: PossibleDuplicate[];
  }>;
  total: number;
  page: number;
  pageSize: number;
}

/** The coordinators' review: the queue (oldest first) and the organisations in each status. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/admin/organisations');
  const requested = event.url.searchParams.get('status');
  const status: Status = statuses.includes(requested as Status) ? (requested as Status) : 'pending';
  const page = Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1);
  const result = await api<ReviewList>(event, 'GET', `/api/admin/organisations?status=${status}&page=${page}`);
  if (!result.ok) error(result.status, result.problem.code);
  return { status, statuses, list: result.data };
};

export const actions: Actions = {
  decide: async (event) => {
    const data = await event.request.formData();
    const decision = formText(data, 'decision');
    const id = formText(data, 'id');
    const reason = formText(data, 'reason');
    if (!['approve', 'reject', 'suspend', 'reinstate'].includes(decision)) error(400, 'bad_request');
    const needsReason = decision === 'reject' || decision === 'suspend';
    const result = await api<{ organisation: Organisation }>(
      event,
      'POST',
      `/api/admin/organisations/${encodeURIComponent(id)}/${decision}`,
      needsReason ? { reason: reason.trim() } : undefined
    );
    if (!result.ok) return failOrganisation(result.status, result.problem, { reason, id }, id);
    return { decided: result.data.organisation.name, status: result.data.organisation.status };
  }
};
