import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import {
  AcceptInvitationBody,
  AdminOrganisationsQuery,
  AuditEntrySchema,
  DirectoryQuery,
  DirectoryResultSchema,
  IdParams,
  InvitationBody,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationTokenParams,
  JoinRequestBody,
  JoinRequestParams,
  JoinRequestSchema,
  MemberParams,
  MemberUpdateBody,
  MyOrganisationsSchema,
  NewestQuery,
  LogoQuery,
  ORGANISATION_LOGO_MAX_BYTES,
  OrganisationApplyBody,
  OrganisationCardSchema,
  OrganisationProfileSchema,
  OrganisationSchema,
  OrganisationUpdateBody,
  Paged,
  ProblemSchema,
  ReasonBody,
  ReviewQueueSchema,
  SlugParams
} from '@mutirao/shared';
import type { Hub } from '../../hub';
import { badRequest } from '../../http/errors';
import { logoTooLarge } from './organisations.logo';
import {
  maskEmail,
  toAuditEntry,
  toInvitation,
  toJoinRequest,
  toOrganisation,
  toStaffMember
} from './organisations.mapper';
import { registerOrganisationsIndex } from './organisations.search';
import * as organisations from './organisations.service';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  410: ProblemSchema,
  413: ProblemSchema,
  503: ProblemSchema
};
const OrganisationResponse = Type.Object({ organisation: OrganisationSchema });
const Refs = { tags: ['organisations'] };
/** The reason shown to whoever may act on it (its people and coordinators); here always the case. */
const full = { withReason: true };

export const organisationsRoutes: FastifyPluginAsyncTypebox<{ hub: Hub }> = async (app, { hub }) => {
  registerOrganisationsIndex(hub);
  hub.live.registerTopic('organisation', (actor, id) => organisations.canFollow(hub, actor, id));
  // Scoped to this plugin: only the logo route reads multipart bodies. One file, 2 MB.
  await app.register(multipart, {
    limits: { fileSize: ORGANISATION_LOGO_MAX_BYTES, files: 1, fields: 0, parts: 2 },
    throwFileSizeLimit: true
  });

  // ------------------------------------------------------------ public

  app.get(
    '/organisations',
    {
      schema: {
        ...Refs,
        summary: 'The directory of member organisations: typo-tolerant search, facets, sorting, pages',
        querystring: DirectoryQuery,
        response: { 200: DirectoryResultSchema, ...problems }
      }
    },
    async (request) => organisations.searchDirectory(hub, request.query)
  );

  app.get(
    '/organisations/newest',
    { schema: { ...Refs, summary: 'The newest member organisations', querystring: NewestQuery, response: { 200: Type.Object({ items: Type.Array(OrganisationCardSchema) }), ...problems } } },
    async (request) => ({ items: await organisations.newest(hub, request.query.limit ?? 6) })
  );

  app.get(
    '/organisations/:slug',
    {
      schema: {
        ...Refs,
        summary: 'An organisation’s profile with its listed staff (approved ones for the public)',
        params: SlugParams,
        response: { 200: OrganisationProfileSchema, ...problems }
      }
    },
    async (request) => {
      const profile = await organisations.getProfile(hub, request.actor, request.params.slug);
      return {
        organisation: toOrganisation(profile.org, { withReason: profile.seesReason }),
        staff: profile.staff.map((s) => toStaffMember(s.member, s.user, { withEmail: profile.manages })),
        viewer: profile.viewer
      };
    }
  );

  app.get(
    '/organisations/:slug/logo',
    { schema: { ...Refs, params: SlugParams, querystring: LogoQuery } },
    async (request, reply) => {
      const logo = await organisations.getLogo(hub, request.actor, request.params.slug, request.query.size);
      reply
        .header('content-type', logo.mime)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', logo.public ? 'public, max-age=86400' : 'private, no-cache')
        .header('content-disposition', 'inline')
        // Always a raster WebP now; opened directly it still may not run or fetch anything.
        .header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(logo.bytes);
    }
  );

  app.get(
    '/invitations/:token',
    { schema: { ...Refs, summary: 'What an invitation link is for, before accepting it', params: InvitationTokenParams, response: { 200: InvitationPreviewSchema, ...problems } } },
    async (request) => {
      const { invitation, organisation, state } = await organisations.previewInvitation(hub, request.params.token);
      return {
        organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
        email: maskEmail(invitation.emailNormalized),
        role: invitation.role,
        state,
        expiresAt: invitation.expiresAt.toISOString()
      };
    }
  );

  // ------------------------------------------------------------ members

  app.post(
    '/organisations',
    { schema: { ...Refs, summary: 'Apply to register an organisation', body: OrganisationApplyBody, response: { 201: OrganisationResponse, ...problems } } },
    async (request, reply) => {
      const row = await organisations.apply(hub, request.actor, request.body);
      return reply.code(201).send({ organisation: toOrganisation(row, full) });
    }
  );

  app.patch(
    '/organisations/:id',
    { schema: { ...Refs, summary: 'Edit an organisation (the applicant while pending, its admins, coordinators)', params: IdParams, body: OrganisationUpdateBody, response: { 200: OrganisationResponse, ...problems } } },
    async (request) => ({ organisation: toOrganisation(await organisations.update(hub, request.actor, request.params.id, request.body), full) })
  );

  app.post(
    '/organisations/:id/logo',
    {
      schema: {
        ...Refs,
        summary: 'Upload the logo (multipart field `logo`; PNG, JPEG, WebP or a plain SVG; at most 2 MB)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: OrganisationResponse, ...problems }
      }
    },
    async (request) => {
      await organisations.assertCanEdit(hub, request.actor, request.params.id);
      const bytes = await readLogoUpload(request);
      return { organisation: toOrganisation(await organisations.setLogo(hub, request.actor, request.params.id, bytes), full) };
    }
  );

  app.delete(
    '/organisations/:id/logo',
    { schema: { ...Refs, params: IdParams, response: { 200: OrganisationResponse, ...problems } } },
    async (request) => ({ organisation: toOrganisation(await organisations.removeLogo(hub, request.actor, request.params.id), full) })
  );

  app.get(
    '/me/organisations',
    { schema: { ...Refs, summary: 'My organisations, my applications and my requests to join', response: { 200: MyOrganisationsSchema, ...problems } } },
    async (request) => {
      const mine = await organisations.myOrganisations(hub, request.actor);
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
    }
  );

  app.post(
    '/organisations/:id/join-requests',
    { schema: { ...Refs, summary: 'Ask to join an organisation', params: IdParams, body: JoinRequestBody, response: { 201: Type.Object({ joinRequest: Type.Object({ id: Type.String(), status: Type.String() }) }), ...problems } } },
    async (request, reply) => {
      const row = await organisations.requestToJoin(hub, request.actor, request.params.id, request.body.message);
      return reply.code(201).send({ joinRequest: { id: row.id, status: row.status } });
    }
  );

  app.get(
    '/organisations/:id/join-requests',
    { schema: { ...Refs, summary: 'Pending requests to join (its admins, coordinators)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(JoinRequestSchema) }), ...problems } } },
    async (request) => ({
      items: (await organisations.listJoinRequests(hub, request.actor, request.params.id)).map((r) => toJoinRequest(r.request, r.user))
    })
  );

  for (const decision of ['approve', 'decline'] as const) {
    app.post(
      `/organisations/:id/join-requests/:requestId/${decision}`,
      { schema: { ...Refs, params: JoinRequestParams, response: { 200: Type.Object({ status: Type.String() }), ...problems } } },
      async (request) => {
        const row = await organisations.decideJoinRequest(hub, request.actor, request.params.id, request.params.requestId, decision);
        return { status: row.status };
      }
    );
  }

  app.patch(
    '/organisations/:id/members/:userId',
    { schema: { ...Refs, summary: 'Change a person’s role (admins) or whether they are listed (admins or the person)', params: MemberParams, body: MemberUpdateBody, response: { 200: Type.Object({ role: Type.String(), listed: Type.Boolean() }), ...problems } } },
    async (request) => {
      const row = await organisations.updateMember(hub, request.actor, request.params.id, request.params.userId, request.body);
      return { role: row.role, listed: row.listed };
    }
  );

  app.delete(
    '/organisations/:id/members/:userId',
    { schema: { ...Refs, summary: 'Remove a person (admins), or leave (yourself)', params: MemberParams, response: { 204: Type.Null(), ...problems } } },
    async (request, reply) => {
      await organisations.removeMember(hub, request.actor, request.params.id, request.params.userId);
      return reply.code(204).send(null);
    }
  );

  app.post(
    '/organisations/:id/invitations',
    { schema: { ...Refs, summary: 'Invite someone by email (its admins, coordinators)', params: IdParams, body: InvitationBody, response: { 201: Type.Object({ invitation: InvitationSchema }), ...problems } } },
    async (request, reply) => {
      const row = await organisations.invite(hub, request.actor, request.params.id, request.body);
      return reply.code(201).send({ invitation: toInvitation(row) });
    }
  );

  app.get(
    '/organisations/:id/invitations',
    { schema: { ...Refs, summary: 'Invitations not yet used or expired', params: IdParams, response: { 200: Type.Object({ items: Type.Array(InvitationSchema) }), ...problems } } },
    async (request) => ({ items: (await organisations.listInvitations(hub, request.actor, request.params.id)).map(toInvitation) })
  );

  app.post(
    '/invitations/:token/accept',
    { schema: { ...Refs, summary: 'Accept an invitation as the signed-in person', params: InvitationTokenParams, body: Type.Optional(AcceptInvitationBody), response: { 200: Type.Object({ organisation: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }), role: Type.String() }), ...problems } } },
    async (request) => {
      const { organisation, role } = await organisations.acceptInvitation(hub, request.actor, request.params.token, request.body ?? {});
      return { organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name }, role };
    }
  );

  // ------------------------------------------------------------ coordinators

  app.get(
    '/admin/organisations/queue',
    { schema: { tags: ['admin'], summary: 'Applications waiting for review, oldest first', querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })) }, { additionalProperties: false }), response: { 200: ReviewQueueSchema, ...problems } } },
    async (request) => reviewList(await organisations.listForReview(hub, request.actor, 'pending', request.query.page ?? 1))
  );

  app.get(
    '/admin/organisations',
    { schema: { tags: ['admin'], summary: 'Organisations by status, oldest first', querystring: AdminOrganisationsQuery, response: { 200: ReviewQueueSchema, ...problems } } },
    async (request) =>
      reviewList(await organisations.listForReview(hub, request.actor, request.query.status ?? 'pending', request.query.page ?? 1))
  );

  for (const decision of ['approve', 'reinstate'] as const) {
    app.post(
      `/admin/organisations/:id/${decision}`,
      { schema: { tags: ['admin'], params: IdParams, response: { 200: OrganisationResponse, ...problems } } },
      async (request) => ({ organisation: toOrganisation(await organisations.decide(hub, request.actor, request.params.id, decision), full) })
    );
  }
  for (const decision of ['reject', 'suspend'] as const) {
    app.post(
      `/admin/organisations/:id/${decision}`,
      { schema: { tags: ['admin'], params: IdParams, body: ReasonBody, response: { 200: OrganisationResponse, ...problems } } },
      async (request) => ({
        organisation: toOrganisation(await organisations.decide(hub, request.actor, request.params.id, decision, request.body.reason), full)
      })
    );
  }

  app.get(
    '/admin/organisations/:id/audit',
    { schema: { tags: ['admin'], summary: 'Every membership and status change, newest first', params: IdParams, querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })) }, { additionalProperties: false }), response: { 200: Paged(AuditEntrySchema), ...problems } } },
    async (request) => {
      const result = await organisations.auditTrail(hub, request.actor, request.params.id, request.query.page ?? 1);
      return { ...result, items: result.items.map(toAuditEntry) };
    }
  );
};

function reviewList(result: Awaited<ReturnType<typeof organisations.listForReview>>) {
  return {
    ...result,
    items: result.items.map((item) => ({ organisation: toOrganisation(item.organisation, full), applicant: item.applicant }))
  };
}

/** The one file of a logo upload, read whole (at most 2 MB); the multipart limits turn larger files into 413. */
async function readLogoUpload(request: import('fastify').FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw badRequest('validation_failed', 'Send the logo as multipart/form-data.', [
      { field: 'logo', code: 'required', message: 'send a file in the field `logo`' }
    ]);
  }
  let file;
  try {
    file = await request.file();
    if (!file || file.fieldname !== 'logo') {
      throw badRequest('validation_failed', 'Send the logo in the field `logo`.', [
        { field: 'logo', code: 'required', message: 'send a file in the field `logo`' }
      ]);
    }
    return await file.toBuffer();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw logoTooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw badRequest('validation_failed', 'Send only the logo file.', [{ field: 'logo', code: 'one_file', message: 'send one file and nothing else' }]);
    }
    throw err;
  }
}

