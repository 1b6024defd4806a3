import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Invitation, JoinRequest } from '@mutirao/shared';
import { api } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { failOrganisation, loadProfile } from '../../organisations.server';
import type { Actions, PageServerLoad } from './$types';

/** Staff management for the organisation's admins (and coordinators). */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}/manage`);
  const profile = await loadProfile(event, event.params.slug);
  if (!profile.viewer.canManageStaff) error(403, 'forbidden');
  const id = profile.organisation.id;
  const [requests, invitations] = await Promise.all([
    api<{ items: JoinRequest[] }>(event, 'GET', `/api/organisations/${id}/join-requests`),
    api<{ items: Invitation[] }>(event, 'GET', `/api/organisations/${id}/invitations`)
  ]);
  if (!requests.ok) error(requests.status, requests.problem.code);
  if (!invitations.ok) error(invitations.status, invitations.problem.code);
  return { profile, requests: requests.data.items, invitations: invitations.data.items };
};

async function organisationId(event: RequestEvent<{ slug: string }>) {
  return (await loadProfile(event, event.params.slug)).organisation.id;
}

export const actions: Actions = {
  decide: async (event) => {
    const data = await event.request.formData();
    const decision = formText(data, 'decision') === 'approve' ? 'approve' : 'decline';
    const id = await organisationId(event);
    const result = await api(event, 'POST', `/api/organisations/${id}/join-requests/${encodeURIComponent(formText(data, 'requestId'))}/${decision}`);
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'requests');
    return { done: decision === 'approve' ? 'approved' : 'declined' };
  },

  member: async (event) => {
    const data = await event.request.formData();
    const id = await organisationId(event);
    const userId = encodeURIComponent(formText(data, 'userId'));
    const result = await api(event, 'PATCH', `/api/organisations/${id}/members/${userId}`, {
      role: formText(data, 'role') === 'admin' ? 'admin' : 'member',
      listed: data.get('listed') === 'on'
    });
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'members');
    return { done: 'member' };
  },

  remove: async (event) => {
    const data = await event.request.formData();
    const id = await organisationId(event);
    const result = await api(event, 'DELETE', `/api/organisations/${id}/members/${encodeURIComponent(formText(data, 'userId'))}`);
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'members');
    if (formText(data, 'userId') === event.locals.user?.id) redirect(303, '/organisations/mine');
    return { done: 'removed' };
  },

  invite: async (event) => {
    const data = await event.request.formData();
    const values = { email: formText(data, 'email'), role: formText(data, 'role') };
    const id = await organisationId(event);
    const result = await api(event, 'POST', `/api/organisations/${id}/invitations`, {
      email: values.email.trim(),
      role: values.role === 'admin' ? 'admin' : 'member'
    });
    if (!result.ok) return failOrganisation(result.status, result.problem, values, 'invite');
    return { done: 'invited', email: values.email.trim() };
  }
};
