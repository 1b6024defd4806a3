import { accountsApi } from './accounts';
import { notificationsApi, hubApi } from './notifications';
import { organisationsApi } from './organisations';
import type { RouteSpec } from './define';

export * from './define';
export * from './problems';
export * from './catalogue';
export * from './runtime';
export { accountsApi, AcceptedSchema } from './accounts';
export { accountsProblems } from './accounts.problems';
export { organisationsApi } from './organisations';
export { organisationsProblems } from './organisations.problems';
export { notificationsApi, hubApi, HealthSchema } from './notifications';

/**
 * Every operation of the API, by operationId. The server registers each one, the
 * OpenAPI document lists each one, and the authorization matrix walks them all.
 */
export const api = { ...hubApi, ...accountsApi, ...organisationsApi, ...notificationsApi } as const;
export const apiRoutes: readonly RouteSpec[] = Object.values(api);
export { buildOpenApiDocument, type OpenApiOptions } from './openapi';

import * as accounts from '../schemas/accounts';
import * as organisations from '../schemas/organisations';
import * as notifications from '../schemas/notifications';

/**
 * The shapes the OpenAPI document defines once under components.schemas and references
 * wherever they appear (matched by structure, so optional and nested uses count too).
 */
export const namedSchemas = {
  Country: organisations.CountryCode,
  Theme: organisations.ThemeSchema,
  OrganisationType: organisations.OrganisationTypeSchema,
  OrganisationStatus: organisations.OrganisationStatusSchema,
  OrganisationRole: organisations.OrganisationRoleSchema,
  Role: accounts.RoleSchema,
  Session: accounts.SessionSchema,
  SignUpRequest: accounts.SignUpBody,
  SignInRequest: accounts.SignInBody,
  ProfileUpdate: accounts.UpdateProfileBody,
  PasswordChange: accounts.ChangePasswordBody,
  PasswordReset: accounts.ResetPasswordBody,
  Organisation: organisations.OrganisationSchema,
  OrganisationCard: organisations.OrganisationCardSchema,
  OrganisationApplication: organisations.OrganisationApplyBody,
  OrganisationUpdate: organisations.OrganisationUpdateBody,
  OrganisationProfile: organisations.OrganisationProfileSchema,
  OrganisationViewer: organisations.OrganisationViewerSchema,
  StaffMember: organisations.StaffMemberSchema,
  Directory: organisations.DirectoryResultSchema,
  MyOrganisations: organisations.MyOrganisationsSchema,
  ReviewQueue: organisations.ReviewQueueSchema,
  AuditEntry: organisations.AuditEntrySchema,
  JoinRequest: organisations.JoinRequestSchema,
  Invitation: organisations.InvitationSchema,
  InvitationPreview: organisations.InvitationPreviewSchema,
  Notification: notifications.NotificationSchema,
  NotificationList: notifications.NotificationListSchema,
  MarkedRead: notifications.MarkedReadSchema,
  UnreadCount: notifications.UnreadCountSchema
} as const;
