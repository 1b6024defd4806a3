import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { ORGANISATION_LOGO_MAX_BYTES, organisationsContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import { badRequest } from '../../http/errors';
import { route } from '../../http/route';
import { logoTooLarge } from './organisations.logo';
import {
  maskEmail,
  toAuditEntry,
  toInvitation,
  toJoinRequest,
  toOrganisation,
  toStaffMember
} from './organisations.mapper';
import * as applications from './organisations.applications.service';
import * as directory from './organisations.directory.service';
import * as invitations from './organisations.invitations.service';
import * as review from './organisations.review.service';
import * as staff from './organisations.staff.service';

const contract = organisationsContract.routes;

/** The reason shown to whoever may act on it (its people and coordinators); here always the case. */
const full = { withReason: true };

export const organisationsRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  // Scoped to this plugin: only the logo route reads multipart bodies. One file, 2 MB.
  await app.register(multipart, {
    limits: { fileSize: ORGANISATION_LOGO_MAX_BYTES, files: 1, fields: 0, parts: 2 },
    throwFileSizeLimit: true
  });
  /** Paths name an organisation by its slug; the services work on its id. */
  const idOf = (slug: string) => directory.idForSlug(hub, slug);

  // ------------------------------------------------------------ public

  route(app, contract.searchOrganisations, async (request) => directory.searchDirectory(hub, request.query));

  route(app, contract.newestOrganisations, async (request) => ({ items: await directory.newest(hub, request.query.limit ?? 6) }));

  route(app, contract.getOrganisation, async (request) => {
    const profile = await directory.getProfile(hub, request.actor, request.params.slug);
    return {
      organisation: toOrganisation(profile.org, { withReason: profile.seesReason }),
      staff: profile.staff.map((s) => toStaffMember(s.member, s.user, { withEmail: profile.manages, profileVisible: profile.profileVisible.has(s.user.id) })),
      viewer: profile.viewer
    };
  });

  route(app, contract.getOrganisationLogo, async (request, reply) => {
    const logo = await directory.getLogo(hub, request.actor, request.params.slug, request.query.size);
    reply
      .header('content-type', logo.mime)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', logo.public ? 'public, max-age=86400' : 'private, no-cache')
      .header('content-disposition', 'inline')
      // Always a raster WebP now; opened directly it still may not run or fetch anything.
      .header('content-security-policy', "default-src 'none'; sandbox");
    return reply.send(logo.bytes);
  });

  route(app, contract.previewInvitation, async (request) => {
    const { invitation, organisation, state } = await invitations.previewInvitation(hub, request.params.token);
    return {
      organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
      email: maskEmail(invitation.emailNormalized),
      role: invitation.role,
      state,
      expiresAt: invitation.expiresAt.toISOString()
    };
  });

  // ------------------------------------------------------------ members

  route(app, contract.applyForOrganisation, async (request) => ({
    organisation: toOrganisation(await applications.apply(hub, request.actor, request.body), full)
  }));

  route(app, contract.updateOrganisation, async (request) => ({
    organisation: toOrganisation(await applications.update(hub, request.actor, await idOf(request.params.slug), request.body), full)
  }));

  route(app, contract.uploadOrganisationLogo, async (request) => {
    const id = await idOf(request.params.slug);
    await applications.assertCanEdit(hub, request.actor, id);
    const bytes = await readLogoUpload(request);
    return { organisation: toOrganisation(await applications.setLogo(hub, request.actor, id, bytes), full) };
  });

  route(app, contract.removeOrganisationLogo, async (request) => ({
    organisation: toOrganisation(await applications.removeLogo(hub, request.actor, await idOf(request.params.slug)), full)
  }));

  route(app, contract.myOrganisations, async (request) => {
    const mine = await directory.myOrganisations(hub, request.actor);
    return {
      memberships: mine.memberships.map((m) => ({
        organisation: toOrganisation(m.organisation, full),
        role: m.member.role,
        listed: m.member.listed
      })),
      applications: mine.applications.map((row) => toOrganisation(row, full)),
      joinRequests: mine.joinRequests.map((r) => ({
        id: r.request.id,
        organisation: r.organisation,
        status: r.request.status,
        createdAt: r.request.createdAt.toISOString()
      }))
    };
  });

  route(app, contract.requestToJoinOrganisation, async (request) => {
    const row = await staff.requestToJoin(hub, request.actor, await idOf(request.params.slug), request.body.message);
    return { joinRequest: { id: row.id, status: row.status } };
  });

  route(app, contract.listJoinRequests, async (request) => ({
    items: (await staff.listJoinRequests(hub, request.actor, await idOf(request.params.slug))).map((r) =>
      toJoinRequest(r.request, r.user)
    )
  }));

  for (const [spec, decision] of [[contract.approveJoinRequest, 'approve'], [contract.declineJoinRequest, 'decline']] as const) {
    route(app, spec, async (request) => {
      const id = await idOf(request.params.slug);
      const row = await staff.decideJoinRequest(hub, request.actor, id, request.params.requestId, decision);
      return { status: row.status };
    });
  }

  route(app, contract.withdrawJoinRequest, async (request) => {
    const row = await staff.withdrawJoinRequest(hub, request.actor, await idOf(request.params.slug), request.params.requestId);
    return { status: row.status };
  });

  route(app, contract.updateOrganisationMember, async (request) => {
    const id = await idOf(request.params.slug);
    const row = await staff.updateMember(hub, request.actor, id, request.params.userId, request.body);
    return { role: row.role, listed: row.listed };
  });

  route(app, contract.removeOrganisationMember, async (request) => {
    await staff.removeMember(hub, request.actor, await idOf(request.params.slug), request.params.userId);
    return null;
  });

  route(app, contract.inviteToOrganisation, async (request) => ({
    invitation: toInvitation(await invitations.invite(hub, request.actor, await idOf(request.params.slug), request.body))
  }));

  route(app, contract.listInvitations, async (request) => ({
    items: (await invitations.listInvitations(hub, request.actor, await idOf(request.params.slug))).map(toInvitation)
  }));

  route(app, contract.acceptInvitation, async (request) => {
    const { organisation, role } = await invitations.acceptInvitation(hub, request.actor, request.params.token, request.body ?? {});
    return { organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name }, role };
  });

  // ------------------------------------------------------------ coordinators

  route(app, contract.reviewQueue, async (request) =>
    reviewList(await review.listForReview(hub, request.actor, 'pending', request.query.page ?? 1))
  );

  route(app, contract.reviewCount, async (request) => ({ pending: await review.pendingCount(hub, request.actor) }));

  route(app, contract.listOrganisationsByStatus, async (request) =>
    reviewList(await review.listForReview(hub, request.actor, request.query.status ?? 'pending', request.query.page ?? 1))
  );

  for (const [spec, decision] of [[contract.approveOrganisation, 'approve'], [contract.reinstateOrganisation, 'reinstate']] as const) {
    route(app, spec, async (request) => ({
      organisation: toOrganisation(await review.decide(hub, request.actor, await idOf(request.params.slug), decision), full)
    }));
  }
  for (const [spec, decision] of [[contract.rejectOrganisation, 'reject'], [contract.suspendOrganisation, 'suspend']] as const) {
    route(app, spec, async (request) => ({
      organisation: toOrganisation(
        await review.decide(hub, request.actor, await idOf(request.params.slug), decision, request.body.reason),
        full
      )
    }));
  }

  route(app, contract.organisationAudit, async (request) => {
    const result = await review.auditTrail(hub, request.actor, await idOf(request.params.slug), request.query.page ?? 1);
    return { ...result, items: result.items.map(toAuditEntry) };
  });
};

function reviewList(result: Awaited<ReturnType<typeof review.listForReview>>) {
  return {
    ...result,
    items: result.items.map((item) => ({ ...item, organisation: toOrganisation(item.organisation, full) }))
  };
}

const onlyTheLogo = () =>
  badRequest('validation_failed', 'Send only the logo file.', [{ field: 'logo', code: 'one_file', message: 'send one file and nothing else' }]);

/**
 * The one file of a logo upload, read whole (at most 2 MB); the multipart limits turn larger
 * files into 413. The body is read to its end, so a second file or a field is refused rather
 * than left unread behind the first.
 */
async function readLogoUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw badRequest('validation_failed', 'Send the logo as multipart/form-data.', [
      { field: 'logo', code: 'required', message: 'send a file in the field `logo`' }
    ]);
  }
  try {
    let logo: Buffer | undefined;
    for await (const part of request.parts()) {
      if (logo || part.type !== 'file') throw onlyTheLogo();
      if (part.fieldname !== 'logo') {
        throw badRequest('validation_failed', 'Send the logo in the field `logo`.', [
          { field: 'logo', code: 'required', message: 'send a file in the field `logo`' }
        ]);
      }
      logo = await part.toBuffer();
    }
    if (!logo) {
      throw badRequest('validation_failed', 'Send the logo in the field `logo`.', [
        { field: 'logo', code: 'required', message: 'send a file in the field `logo`' }
      ]);
    }
    return logo;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw logoTooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw onlyTheLogo();
    throw err;
  }
}

