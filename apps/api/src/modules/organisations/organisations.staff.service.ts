// Staff and join requests: asking to join, the admins' decisions on requests, role and
// listing changes, removing someone or leaving.
import type { OrganisationRole } from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import { conflict, notFound } from '../../http/errors';
import { notify } from '../notifications/notifications.service';
import { authorized, membershipOf } from './organisations.access';
import { afterChange, queueNotificationMail, recordAudit, type OrganisationsHub } from './organisations.changes';
import { organisationMail } from './organisations.mail';
import { authorizeOrganisation, canOrganisation } from './organisations.policy';
import * as repo from './organisations.repo';

/**
 * A signed-in person asks to join a member organisation; its admins are told in-app.
 * One pending request per person and organisation (a partial unique index backs the check).
 */
export async function requestToJoin(hub: OrganisationsHub, actor: Actor | null, id: string, message: string) {
  requireActor(actor);
  try {
    return await hub.db.transaction(async (tx) => {
      const org = await repo.findOrganisationById(tx, id);
      const membership = await membershipOf(tx, actor, org?.id);
      if (org && membership && canOrganisation(actor, 'view', org, membership)) {
        throw conflict('already_member', 'You are already part of this organisation.');
      }
      authorizeOrganisation(actor, 'requestToJoin', org, membership);
      if (await repo.findPendingJoinRequest(tx, org.id, actor.id)) throw pendingRequestExists();
      const request = await repo.insertJoinRequest(tx, { organisationId: org.id, userId: actor.id, message: message.trim() });
      await recordAudit(tx, org.id, actor, 'join.requested', { subject: actor.id });
      const requester = await repo.findUserForMail(tx, actor.id);
      for (const adminId of await repo.adminIds(tx, org.id)) {
        await notify(hub, tx, adminId, 'organisation.join_requested', {
          organisationId: org.id,
          slug: org.slug,
          name: org.name,
          requesterName: requester?.name ?? ''
        });
      }
      return request;
    });
  } catch (err) {
    if (repo.uniqueViolation(err) === 'organisation_join_requests_pending_key') throw pendingRequestExists();
    throw err;
  }
}

const pendingRequestExists = () => conflict('join_request_pending', 'You already asked to join; the admins have not decided yet.');

/** The pending requests, for those who manage the staff. */
export async function listJoinRequests(hub: OrganisationsHub, actor: Actor | null, id: string) {
  const { org } = await authorized(hub.db, actor, id, 'manageStaff', { lock: false });
  return repo.listPendingJoinRequests(hub.db, org.id);
}

/** An admin's answer to a request: approval adds the person as a member; either way they are told in-app and by mail. */
export async function decideJoinRequest(
  hub: OrganisationsHub,
  actor: Actor | null,
  id: string,
  requestId: string,
  decision: 'approve' | 'decline'
) {
  return hub.db.transaction(async (tx) => {
    const { org } = await authorized(tx, actor, id, 'manageStaff', { lock: true });
    const request = await repo.findJoinRequest(tx, org.id, requestId);
    if (!request) throw notFound('No such request.');
    const decided = await repo.decideJoinRequest(tx, request.id, decision === 'approve' ? 'approved' : 'declined', actor!.id);
    if (!decided) throw conflict('already_decided', 'This request was already decided.');
    await recordAudit(tx, org.id, actor!, decision === 'approve' ? 'join.approved' : 'join.declined', { subject: request.userId });
    if (decision === 'approve' && (await repo.insertMember(tx, { organisationId: org.id, userId: request.userId, role: 'member' }))) {
      await recordAudit(tx, org.id, actor!, 'member.added', { subject: request.userId, details: { role: 'member', via: 'join_request' } });
      await afterChange(hub, tx, org, 'staff');
    }
    const about = { organisationId: org.id, slug: org.slug, name: org.name };
    await notify(hub, tx, request.userId, decision === 'approve' ? 'organisation.join_approved' : 'organisation.join_declined', about);
    const requester = await repo.findUserForMail(tx, request.userId);
    if (requester) {
      await queueNotificationMail(
        hub,
        tx,
        requester.id,
        decision === 'approve' ? 'organisation.join_approved' : 'organisation.join_declined',
        organisationMail(decision === 'approve' ? 'joinApproved' : 'joinDeclined', requester, {
          organisation: org.name,
          link: `${hub.config.publicOrigin}/organisations/${org.slug}`
        })
      );
    }
    return decided;
  });
}

/**
 * The person who asked to join takes the request back while it still waits. Anyone
 * else's request answers 404, as if it did not exist; a decided one, 409.
 */
export async function withdrawJoinRequest(hub: OrganisationsHub, actor: Actor | null, id: string, requestId: string) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const request = await repo.findJoinRequest(tx, id, requestId);
    if (!request || request.userId !== actor.id) throw notFound('No such request.');
    const withdrawn = await repo.decideJoinRequest(tx, request.id, 'withdrawn', actor.id);
    if (!withdrawn) throw conflict('already_decided', 'This request was already decided.');
    await recordAudit(tx, id, actor, 'join.withdrawn', { subject: actor.id });
    // Open staff pages of the organisation drop the request.
    await hub.live.publish(tx, { topic: `organisation:${id}`, type: 'organisation.updated', id });
    return withdrawn;
  });
}

/** Role and listing changes. The person may hide or show themself; only admins change roles. */
export async function updateMember(
  hub: OrganisationsHub,
  actor: Actor | null,
  id: string,
  userId: string,
  input: { role?: OrganisationRole; listed?: boolean }
) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const self = actor.id === userId && input.role === undefined;
    const { org } = await authorized(tx, actor, id, self ? 'view' : 'manageStaff', { lock: true });
    const target = await repo.findMembership(tx, org.id, userId);
    if (!target) throw notFound('This person is not part of the organisation.');
    if (input.role === 'member' && target.role === 'admin' && (await repo.countAdmins(tx, org.id)) <= 1) throw lastAdmin();
    const row = await repo.updateMember(tx, org.id, userId, input);
    if (input.role !== undefined && input.role !== target.role) {
      await recordAudit(tx, org.id, actor, 'member.role_changed', { subject: userId, details: { from: target.role, to: input.role } });
      await hub.live.publish(tx, { topic: `user:${userId}`, type: 'organisation.role_changed', id: org.id });
      await hub.live.accessChanged(tx, { userId });
    }
    if (input.listed !== undefined && input.listed !== target.listed) {
      await recordAudit(tx, org.id, actor, 'member.listing_changed', { subject: userId, details: { listed: input.listed } });
    }
    await afterChange(hub, tx, org, 'staff');
    return row!;
  });
}

const lastAdmin = () =>
  conflict('last_admin', 'An organisation needs at least one admin: make someone else admin first.');

/** An admin removes someone, or a person leaves (always possible, except for the last admin). */
export async function removeMember(hub: OrganisationsHub, actor: Actor | null, id: string, userId: string) {
  requireActor(actor);
  await hub.db.transaction(async (tx) => {
    const leaving = actor.id === userId;
    const { org } = await authorized(tx, actor, id, leaving ? 'view' : 'manageStaff', { lock: true });
    const target = await repo.findMembership(tx, org.id, userId);
    if (!target) throw notFound('This person is not part of the organisation.');
    if (target.role === 'admin' && (await repo.countAdmins(tx, org.id)) <= 1) throw lastAdmin();
    await repo.deleteMember(tx, org.id, userId);
    await recordAudit(tx, org.id, actor, leaving ? 'member.left' : 'member.removed', { subject: userId, details: { role: target.role } });
    if (!leaving) await hub.live.publish(tx, { topic: `user:${userId}`, type: 'organisation.removed', id: org.id });
    // Their sockets stop hearing about the organisation if it is not public. Sent before
    // the announcement, so that event already finds the re-check under way.
    await hub.live.accessChanged(tx, { userId });
    await afterChange(hub, tx, org, 'staff', [userId]);
  });
}
