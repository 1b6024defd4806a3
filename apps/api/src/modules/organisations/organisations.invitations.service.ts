// Invitations: an admin mails a single-use link; the link shows what it is for before
// anyone signs in, and adds the signed-in person who accepts it.
import type { OrganisationRole } from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import { hashToken, randomToken } from '../../auth/tokens';
import { AppError, conflict, notFound } from '../../http/errors';
import { authorized } from './organisations.access';
import { afterChange, queueMails, recordAudit, type OrganisationsHub } from './organisations.changes';
import { organisationMail } from './organisations.mail';
import * as repo from './organisations.repo';

const DAY = 24 * 60 * 60 * 1000;
export const INVITATION_TTL = 7 * DAY;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Mails a single-use link, valid for 7 days, that adds the person with this role. */
export async function invite(hub: OrganisationsHub, actor: Actor | null, id: string, input: { email: string; role?: OrganisationRole }) {
  requireActor(actor);
  const token = randomToken();
  const email = normalizeEmail(input.email);
  const role = input.role ?? 'member';
  return hub.db.transaction(async (tx) => {
    const { org } = await authorized(tx, actor, id, 'manageStaff', { lock: true });
    const invitee = await repo.findUserByEmail(tx, email);
    if (invitee && (await repo.findMembership(tx, org.id, invitee.id))) {
      throw conflict('already_member', 'This person is already part of the organisation.', [
        { field: 'body.email', code: 'already_member', message: 'is already part of the organisation' }
      ]);
    }
    const invitation = await repo.insertInvitation(tx, {
      organisationId: org.id,
      emailNormalized: email,
      role,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_TTL)
    });
    await recordAudit(tx, org.id, actor, 'invitation.sent', { subject: invitee?.id ?? null, details: { email, role } });
    const inviter = await repo.findUserForMail(tx, actor.id);
    await queueMails(hub, tx, [
      organisationMail(
        'invitation',
        { email, name: '', locale: invitee?.locale ?? inviter?.locale ?? 'es' },
        {
          organisation: org.name,
          inviter: inviter?.name ?? 'Mutirão',
          link: `${hub.config.publicOrigin}/invitations/${token}`
        }
      )
    ]);
    return invitation;
  });
}

/** The links not yet used nor expired, for those who manage the staff. */
export async function listInvitations(hub: OrganisationsHub, actor: Actor | null, id: string) {
  const { org } = await authorized(hub.db, actor, id, 'manageStaff', { lock: false });
  return repo.listOpenInvitations(hub.db, org.id);
}

function invitationState(invitation: repo.InvitationRow): 'open' | 'expired' | 'used' {
  if (invitation.acceptedAt) return 'used';
  return invitation.expiresAt.getTime() <= Date.now() ? 'expired' : 'open';
}

/** What the link shows before anyone signs in: the organisation, the masked address, whether it still works. */
export async function previewInvitation(hub: OrganisationsHub, token: string) {
  const found = await repo.findInvitationByTokenHash(hub.db, hashToken(token));
  if (!found) throw notFound('This invitation link is not valid.');
  return { ...found, state: invitationState(found.invitation) };
}

/**
 * Accepts an invitation as the signed-in person. The link works once, until it
 * expires, and for another account than the invited address only when the
 * person confirms that is what they mean.
 */
export async function acceptInvitation(
  hub: OrganisationsHub,
  actor: Actor | null,
  token: string,
  options: { confirmDifferentAccount?: boolean }
) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const found = await repo.findInvitationByTokenHash(tx, hashToken(token));
    if (!found) throw notFound('This invitation link is not valid.');
    const { invitation, organisation: org } = found;
    const state = invitationState(invitation);
    if (state === 'used') throw new AppError(410, 'invitation_used', 'This invitation was already used.');
    if (state === 'expired') throw new AppError(410, 'invitation_expired', 'This invitation has expired. Ask for a new one.');
    if (org.status !== 'approved' && org.status !== 'suspended') throw notFound('This invitation link is not valid.');
    const me = await repo.findUserForMail(tx, actor.id);
    const differentAccount = normalizeEmail(me?.email ?? '') !== invitation.emailNormalized;
    if (differentAccount && !options.confirmDifferentAccount) {
      throw conflict(
        'invitation_email_mismatch',
        'This invitation was sent to another email address. Confirm to accept it with the account you are signed in with.'
      );
    }
    const consumed = await repo.consumeInvitation(tx, invitation.id, actor.id);
    // Another request used it between our read and our update.
    if (!consumed) throw new AppError(410, 'invitation_used', 'This invitation was already used.');
    const existing = await repo.findMembership(tx, org.id, actor.id);
    let role: OrganisationRole = invitation.role;
    if (!existing) {
      await repo.insertMember(tx, { organisationId: org.id, userId: actor.id, role });
    } else if (existing.role === 'member' && invitation.role === 'admin') {
      await repo.updateMember(tx, org.id, actor.id, { role: 'admin' });
    } else {
      role = existing.role;
    }
    await recordAudit(tx, org.id, actor, 'invitation.accepted', {
      subject: actor.id,
      details: { email: invitation.emailNormalized, role, ...(differentAccount && { differentAccount: true }) }
    });
    await afterChange(hub, tx, org, 'staff');
    return { organisation: org, role };
  });
}
