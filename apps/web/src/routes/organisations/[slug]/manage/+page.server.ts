import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { failOrganisation, loadProfile } from '../../organisations.server';
import type { Actions, PageServerLoad } from './$types';

/** Staff management for the organisation's admins (and coordinators). */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}/manage`);
  event.depends('app:organisation');
  const profile = await loadProfile(event, event.params.slug);
  if (!profile.viewer.canManageStaff) error(403, 'forbidden');
  const params = { slug: event.params.slug };
  const [requests, invitations] = await Promise.all([
    call(event, api.listJoinRequests, { params }),
    call(event, api.listInvitations, { params })
  ]);
  if (!requests.ok) error(requests.status, requests.problem.code);
  if (!invitations.ok) error(invitations.status, invitations.problem.code);
  return { profile, requests: requests.data.items, invitations: invitations.data.items };
};

export const actions: Actions = {
  decide: async (event) => {
    const data = await event.request.formData();
    const decision = formText(data, 'decision') === 'approve' ? 'approve' : 'decline';
    const params = { slug: event.params.slug, requestId: formText(data, 'requestId') };
    const result = await call(event, decision === 'approve' ? api.approveJoinRequest : api.declineJoinRequest, { params });
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'requests');
    return { done: decision === 'approve' ? 'approved' : 'declined' };
  },

  member: async (event) => {
    const data = await event.request.formData();
    const result = await call(event, api.updateOrganisationMember, {
      params: { slug: event.params.slug, userId: formText(data, 'userId') },
      body: { role: formText(data, 'role') === 'admin' ? 'admin' : 'member', listed: data.get('listed') === 'on' }
    });
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'members');
    return { done: 'member' };
  },

  remove: async (event) => {
    const data = await event.request.formData();
    const params = { slug: event.params.slug, userId: formText(data, 'userId') };
    const result = await call(event, api.removeOrganisationMember, { params });
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'members');
    if (formText(data, 'userId') === event.locals.user?.id) redirect(303, '/organisations/mine');
    return { done: 'removed' };
  },

  invite: async (event) => {
    const data = await event.request.formData();
    const values = { email: formText(data, 'email'), role: formText(data, 'role') };
    const result = await call(event, api.inviteToOrganisation, {
      params: { slug: event.params.slug },
      body: { email: values.email.trim(), role: values.role === 'admin' ? 'admin' : 'member' }
    });
    if (!result.ok) return failOrganisation(result.status, result.problem, values, 'invite');
    return { done: 'invited', email: values.email.trim() };
  }
};
