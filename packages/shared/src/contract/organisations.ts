import { Type } from '@sinclair/typebox';
import { Paged } from '../schemas/common';
import {
  AcceptInvitationBody,
  AdminOrganisationsQuery,
  AuditEntrySchema,
  CountryCode,
  DirectoryQuery,
  DirectoryResultSchema,
  InvitationBody,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationTokenParams,
  JoinRequestBody,
  JoinRequestSchema,
  LogoQuery,
  MemberUpdateBody,
  MyOrganisationsSchema,
  NewestQuery,
  ORGANISATION_LOGO_MAX_BYTES,
  OrganisationApplyBody,
  OrganisationCardSchema,
  OrganisationProfileSchema,
  OrganisationRoleSchema,
  OrganisationSchema,
  OrganisationStatusSchema,
  OrganisationTypeSchema,
  OrganisationUpdateBody,
  OrganisationViewerSchema,
  ReasonBody,
  ReviewQueueSchema,
  SlugParams,
  Slug,
  StaffMemberSchema,
  ThemeSchema,
  organisationLogoTypes
} from '../schemas/organisations';
import { Uuid } from '../schemas/common';
import { defineContract, defineRoute } from './define';


const OrganisationResponse = Type.Object({ organisation: OrganisationSchema });
const OrganisationRef = Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) }, { additionalProperties: false });
const MemberParams = Type.Object({ slug: Slug, userId: Uuid }, { additionalProperties: false });
const JoinRequestParams = Type.Object({ slug: Slug, requestId: Uuid }, { additionalProperties: false });

const staffRule = 'The organisation’s admins and coordinators.';
const hidden = 'Pending, rejected and suspended organisations answer 404 to anyone who is not theirs or a coordinator.';

const routes = {
  searchOrganisations: defineRoute({
    operationId: 'searchOrganisations',
    method: 'GET',
    path: '/organisations',
    tag: 'organisations',
    summary: 'The directory of member organisations',
    description: 'Typo-tolerant search with country, type and theme facets (counts for each value under the other filters), sorting and pages.',
    audience: 'public',
    query: DirectoryQuery,
    responses: { 200: DirectoryResultSchema },
    problems: ['search_unavailable']
  }),
  newestOrganisations: defineRoute({
    operationId: 'newestOrganisations',
    method: 'GET',
    path: '/organisations/newest',
    tag: 'organisations',
    summary: 'The newest member organisations',
    audience: 'public',
    query: NewestQuery,
    responses: { 200: Type.Object({ items: Type.Array(OrganisationCardSchema) }) },
    problems: []
  }),
  getOrganisation: defineRoute({
    operationId: 'getOrganisation',
    method: 'GET',
    path: '/organisations/{slug}',
    tag: 'organisations',
    summary: 'An organisation’s profile, its staff and what the viewer may do',
    description: `Listed staff for everyone; every member, with emails, for ${staffRule.toLowerCase()} ${hidden}`,
    audience: 'public',
    params: SlugParams,
    responses: { 200: OrganisationProfileSchema },
    problems: ['not_found']
  }),
  getOrganisationLogo: defineRoute({
    operationId: 'getOrganisationLogo',
    method: 'GET',
    path: '/organisations/{slug}/logo',
    tag: 'organisations',
    summary: 'The organisation’s logo image',
    description: `A square WebP at 64, 128 (the default) or 256 px. \`v\` changes whenever the logo does, so a versioned URL can be cached. ${hidden}`,
    audience: 'public',
    params: SlugParams,
    query: LogoQuery,
    responses: { 200: Type.String({ format: 'binary' }) },
    produces: ['image/webp'],
    problems: ['not_found']
  }),
  applyForOrganisation: defineRoute({
    operationId: 'applyForOrganisation',
    method: 'POST',
    path: '/organisations',
    tag: 'organisations',
    summary: 'Apply to register an organisation',
    description: 'The application waits, pending, for a coordinator; the applicant becomes its first admin on approval.',
    audience: 'signedIn',
    body: OrganisationApplyBody,
    responses: { 201: OrganisationResponse },
    problems: ['organisation_name_taken']
  }),
  updateOrganisation: defineRoute({
    operationId: 'updateOrganisation',
    method: 'PATCH',
    path: '/organisations/{slug}',
    tag: 'organisations',
    summary: 'Edit an organisation’s profile',
    description: 'The applicant while it is pending; its admins once approved; coordinators always. While pending, a new name also changes the slug: use the one in the answer.',
    audience: 'signedIn',
    access: 'The applicant (while pending), the organisation’s admins, coordinators.',
    params: SlugParams,
    body: OrganisationUpdateBody,
    responses: { 200: OrganisationResponse },
    problems: ['forbidden', 'not_found', 'organisation_name_taken']
  }),
  uploadOrganisationLogo: defineRoute({
    operationId: 'uploadOrganisationLogo',
    method: 'POST',
    path: '/organisations/{slug}/logo',
    tag: 'organisations',
    summary: 'Upload or replace the logo',
    description: 'multipart/form-data with one file in the field `logo`: PNG, JPEG, WebP or SVG, at most 2 MB. It is re-encoded as WebP at 64, 128 and 256 px (an SVG is rasterised; metadata is dropped).',
    audience: 'signedIn',
    access: 'Whoever may edit the organisation.',
    params: SlugParams,
    upload: { field: 'logo', maxBytes: ORGANISATION_LOGO_MAX_BYTES, mediaTypes: organisationLogoTypes },
    responses: { 200: OrganisationResponse },
    problems: ['forbidden', 'not_found', 'invalid_logo', 'logo_too_large']
  }),
  removeOrganisationLogo: defineRoute({
    operationId: 'removeOrganisationLogo',
    method: 'DELETE',
    path: '/organisations/{slug}/logo',
    tag: 'organisations',
    summary: 'Remove the logo',
    audience: 'signedIn',
    access: 'Whoever may edit the organisation.',
    params: SlugParams,
    responses: { 200: OrganisationResponse },
    problems: ['forbidden', 'not_found']
  }),
  myOrganisations: defineRoute({
    operationId: 'myOrganisations',
    method: 'GET',
    path: '/me/organisations',
    tag: 'organisations',
    summary: 'My organisations, my applications and my requests to join',
    audience: 'signedIn',
    responses: { 200: MyOrganisationsSchema },
    problems: []
  }),
  requestToJoinOrganisation: defineRoute({
    operationId: 'requestToJoinOrganisation',
    method: 'POST',
    path: '/organisations/{slug}/join-requests',
    tag: 'organisations',
    summary: 'Ask to join an approved organisation',
    audience: 'signedIn',
    params: SlugParams,
    body: JoinRequestBody,
    responses: { 201: Type.Object({ joinRequest: Type.Object({ id: Uuid, status: Type.String() }) }) },
    problems: ['forbidden', 'not_found', 'already_member', 'join_request_pending']
  }),
  listJoinRequests: defineRoute({
    operationId: 'listJoinRequests',
    method: 'GET',
    path: '/organisations/{slug}/join-requests',
    tag: 'organisations',
    summary: 'Requests to join waiting for a decision',
    audience: 'signedIn',
    access: staffRule,
    params: SlugParams,
    responses: { 200: Type.Object({ items: Type.Array(JoinRequestSchema) }) },
    problems: ['forbidden', 'not_found']
  }),
  approveJoinRequest: defineRoute({
    operationId: 'approveJoinRequest',
    method: 'POST',
    path: '/organisations/{slug}/join-requests/{requestId}/approve',
    tag: 'organisations',
    summary: 'Approve a request to join: the person becomes a member',
    audience: 'signedIn',
    access: staffRule,
    params: JoinRequestParams,
    responses: { 200: Type.Object({ status: Type.String() }) },
    problems: ['forbidden', 'not_found', 'already_decided']
  }),
  declineJoinRequest: defineRoute({
    operationId: 'declineJoinRequest',
    method: 'POST',
    path: '/organisations/{slug}/join-requests/{requestId}/decline',
    tag: 'organisations',
    summary: 'Decline a request to join',
    audience: 'signedIn',
    access: staffRule,
    params: JoinRequestParams,
    responses: { 200: Type.Object({ status: Type.String() }) },
    problems: ['forbidden', 'not_found', 'already_decided']
  }),
  withdrawJoinRequest: defineRoute({
    operationId: 'withdrawJoinRequest',
    method: 'POST',
    path: '/organisations/{slug}/join-requests/{requestId}/withdraw',
    tag: 'organisations',
    summary: 'Withdraw my request to join, while it waits for a decision',
    audience: 'signedIn',
    access: 'Only the person who asked; anyone else’s request answers 404.',
    params: JoinRequestParams,
    responses: { 200: Type.Object({ status: Type.String() }) },
    problems: ['not_found', 'already_decided']
  }),
  updateOrganisationMember: defineRoute({
    operationId: 'updateOrganisationMember',
    method: 'PATCH',
    path: '/organisations/{slug}/members/{userId}',
    tag: 'organisations',
    summary: 'Change a person’s role, or whether they are listed on the profile',
    audience: 'signedIn',
    access: 'Roles: the organisation’s admins and coordinators. Listing: those, or the person themself.',
    params: MemberParams,
    body: MemberUpdateBody,
    responses: { 200: Type.Object({ role: OrganisationRoleSchema, listed: Type.Boolean() }) },
    problems: ['forbidden', 'not_found', 'last_admin']
  }),
  removeOrganisationMember: defineRoute({
    operationId: 'removeOrganisationMember',
    method: 'DELETE',
    path: '/organisations/{slug}/members/{userId}',
    tag: 'organisations',
    summary: 'Remove a person from the organisation, or leave it',
    audience: 'signedIn',
    access: 'The organisation’s admins and coordinators; anyone may remove themself (leave).',
    params: MemberParams,
    responses: { 204: null },
    problems: ['forbidden', 'not_found', 'last_admin']
  }),
  inviteToOrganisation: defineRoute({
    operationId: 'inviteToOrganisation',
    method: 'POST',
    path: '/organisations/{slug}/invitations',
    tag: 'organisations',
    summary: 'Invite someone by email',
    description: 'The link is mailed to the address; its token goes to `acceptInvitation`. It works once, for 7 days.',
    audience: 'signedIn',
    access: staffRule,
    params: SlugParams,
    body: InvitationBody,
    responses: { 201: Type.Object({ invitation: InvitationSchema }) },
    problems: ['forbidden', 'not_found', 'already_member', 'invalid_status']
  }),
  listInvitations: defineRoute({
    operationId: 'listInvitations',
    method: 'GET',
    path: '/organisations/{slug}/invitations',
    tag: 'organisations',
    summary: 'Invitations not yet used or expired',
    audience: 'signedIn',
    access: staffRule,
    params: SlugParams,
    responses: { 200: Type.Object({ items: Type.Array(InvitationSchema) }) },
    problems: ['forbidden', 'not_found']
  }),
  previewInvitation: defineRoute({
    operationId: 'previewInvitation',
    method: 'GET',
    path: '/invitations/{token}',
    tag: 'organisations',
    summary: 'What an invitation link is for, before accepting it',
    audience: 'public',
    params: InvitationTokenParams,
    responses: { 200: InvitationPreviewSchema },
    problems: ['not_found']
  }),
  acceptInvitation: defineRoute({
    operationId: 'acceptInvitation',
    method: 'POST',
    path: '/invitations/{token}/accept',
    tag: 'organisations',
    summary: 'Accept an invitation as the signed-in person',
    audience: 'signedIn',
    params: InvitationTokenParams,
    body: AcceptInvitationBody,
    bodyOptional: true,
    responses: { 200: Type.Object({ organisation: OrganisationRef, role: OrganisationRoleSchema }) },
    problems: ['not_found', 'invitation_used', 'invitation_expired', 'invitation_email_mismatch']
  }),
  reviewQueue: defineRoute({
    operationId: 'reviewQueue',
    method: 'GET',
    path: '/admin/organisations/queue',
    tag: 'admin',
    summary: 'Applications waiting for review, oldest first',
    audience: 'coordinator',
    query: PageQuery,
    responses: { 200: ReviewQueueSchema },
    problems: []
  }),
  reviewCount: defineRoute({
    operationId: 'reviewCount',
    method: 'GET',
    path: '/admin/organisations/pending-count',
    tag: 'admin',
    summary: 'How many applications wait for review',
    description: 'The header’s count beside “Administration”; `review:organisations` on the websocket says when it changes.',
    audience: 'coordinator',
    responses: { 200: Type.Object({ pending: Type.Integer({ minimum: 0 }) }) },
    problems: []
  }),
  listOrganisationsByStatus: defineRoute({
    operationId: 'listOrganisationsByStatus',
    method: 'GET',
    path: '/admin/organisations',
    tag: 'admin',
    summary: 'Organisations by status, oldest first',
    audience: 'coordinator',
    query: AdminOrganisationsQuery,
    responses: { 200: ReviewQueueSchema },
    problems: []
  }),
  approveOrganisation: defineRoute({
    operationId: 'approveOrganisation',
    method: 'POST',
    path: '/admin/organisations/{slug}/approve',
    tag: 'admin',
    summary: 'Approve a pending application',
    audience: 'coordinator',
    params: SlugParams,
    responses: { 200: OrganisationResponse },
    problems: ['not_found', 'invalid_status', 'organisation_name_taken']
  }),
  rejectOrganisation: defineRoute({
    operationId: 'rejectOrganisation',
    method: 'POST',
    path: '/admin/organisations/{slug}/reject',
    tag: 'admin',
    summary: 'Reject a pending application, with a reason the applicant sees',
    audience: 'coordinator',
    params: SlugParams,
    body: ReasonBody,
    responses: { 200: OrganisationResponse },
    problems: ['not_found', 'invalid_status']
  }),
  suspendOrganisation: defineRoute({
    operationId: 'suspendOrganisation',
    method: 'POST',
    path: '/admin/organisations/{slug}/suspend',
    tag: 'admin',
    summary: 'Suspend an approved organisation, with a reason its admins see',
    audience: 'coordinator',
    params: SlugParams,
    body: ReasonBody,
    responses: { 200: OrganisationResponse },
    problems: ['not_found', 'invalid_status']
  }),
  reinstateOrganisation: defineRoute({
    operationId: 'reinstateOrganisation',
    method: 'POST',
    path: '/admin/organisations/{slug}/reinstate',
    tag: 'admin',
    summary: 'Reinstate a suspended organisation',
    audience: 'coordinator',
    params: SlugParams,
    responses: { 200: OrganisationResponse },
    problems: ['not_found', 'invalid_status', 'organisation_name_taken']
  }),
  organisationAudit: defineRoute({
    operationId: 'organisationAudit',
    method: 'GET',
    path: '/admin/organisations/{slug}/audit',
    tag: 'admin',
    summary: 'Every membership and status change, newest first',
    audience: 'coordinator',
    params: SlugParams,
    query: PageQuery,
    responses: { 200: Paged(AuditEntrySchema) },
    problems: ['not_found']
  })
} as const;

export const organisationsContract = defineContract({
  tags: { organisations: 'Member organisations: the directory, applications, staff, join requests and invitations.' },
  problems: {
    organisation_name_taken: { status: 409, description: 'A member organisation already has this name.' },
    already_member: { status: 409, description: 'The person already belongs to the organisation.' },
    join_request_pending: { status: 409, description: 'A request to join is already waiting for a decision.' },
    already_decided: { status: 409, description: 'The request was already approved or declined.' },
    invalid_status: { status: 409, description: 'The organisation’s status does not allow this change.' },
    invitation_email_mismatch: {
      status: 409,
      description: 'The invitation was sent to another address; send `confirmDifferentAccount: true` to accept it anyway.'
    },
    invitation_expired: { status: 410, description: 'The invitation has expired; ask for a new one.' },
    invitation_used: { status: 410, description: 'The invitation was already used.' },
    invalid_logo: { status: 400, description: 'The file is not a PNG, JPEG, WebP or SVG image.' },
      logo_too_large: { status: 413, description: 'The logo is larger than 2 MB.' }
  },
  routes,
  named: {
    Country: CountryCode,
    Theme: ThemeSchema,
    OrganisationType: OrganisationTypeSchema,
    OrganisationStatus: OrganisationStatusSchema,
    OrganisationRole: OrganisationRoleSchema,
    Organisation: OrganisationSchema,
    OrganisationCard: OrganisationCardSchema,
    OrganisationApplication: OrganisationApplyBody,
    OrganisationUpdate: OrganisationUpdateBody,
    OrganisationProfile: OrganisationProfileSchema,
    OrganisationViewer: OrganisationViewerSchema,
    StaffMember: StaffMemberSchema,
    Directory: DirectoryResultSchema,
    MyOrganisations: MyOrganisationsSchema,
    ReviewQueue: ReviewQueueSchema,
    AuditEntry: AuditEntrySchema,
    JoinRequest: JoinRequestSchema,
    Invitation: InvitationSchema,
    InvitationPreview: InvitationPreviewSchema
  }
});
