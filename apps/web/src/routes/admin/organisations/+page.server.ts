import { error, redirect } from '@sveltejs/kit';
import { api, organisationStatuses, type OrganisationStatus } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { failOrganisation } from '../../organisations/organisations.server';
import type { Actions, PageServerLoad } from './$types';

/** The tabs, in the order a coordinator works through them. */
const statuses = ['pending', 'approved', 'suspended', 'rejected'] as const satisfies readonly OrganisationStatus[];
type Status = (typeof statuses)[number];
const decisions = {
  approve: api.approveOrganisation,
  reinstate: api.reinstateOrganisation,
  reject: api.rejectOrganisation,
  suspend: api.suspendOrganisation
} as const;

/** The coordinators' review: the queue (oldest first) and the organisations in each status. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/admin/organisations');
  // Re-read when `review:organisations` says the queue changed (an application arrived or was decided).
  event.depends('app:review');
  const requested = event.url.searchParams.get('status');
  const status: Status = organisationStatuses.includes(requested as Status) ? (requested as Status) : 'pending';
  const page = Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1);
  const result = await call(event, api.listOrganisationsByStatus, { query: { status, page } });
  if (!result.ok) error(result.status, result.problem.code);
  return { status, statuses, list: result.data };
};

export const actions: Actions = {
  decide: async (event) => {
    const data = await event.request.formData();
    const decision = formText(data, 'decision');
    const slug = formText(data, 'slug');
    const reason = formText(data, 'reason');
    if (!Object.hasOwn(decisions, decision)) error(400, 'bad_request');
    const route = decisions[decision as keyof typeof decisions];
    const result =
      route === api.rejectOrganisation || route === api.suspendOrganisation
        ? await call(event, route, { params: { slug }, body: { reason: reason.trim() } })
        : await call(event, route, { params: { slug } });
    if (!result.ok) return failOrganisation(result.status, result.problem, { reason, slug }, slug);
    return { decided: result.data.organisation.name, status: result.data.organisation.status };
  }
};
