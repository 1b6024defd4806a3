import { Type } from '@sinclair/typebox';
import {
  ChangePasswordBody,
  EmailBody,
  ResetPasswordBody,
  RoleSchema,
  SessionSchema,
  SetRoleBody,
  SignInBody,
  SignUpBody,
  SuspendBody,
  SuspensionRecordSchema,
  SuspensionStateSchema,
  TokenBody,
  UpdateProfileBody,
  UserListQuery,
  UserSchema
} from '../schemas/accounts';
import { IdParams, Paged } from '../schemas/common';
import { defineContract, defineRoute } from './define';


export const AcceptedSchema = Type.Object({ status: Type.Literal('accepted') }, { $id: 'Accepted' });
const UserResponse = Type.Object({ user: UserSchema });

const mailed =
  'The answer is the same whether or not the email has an account, so it reveals nothing; ' +
  'the link arrives by email (outside production, readable at `/dev/mail`).';

const routes = {
  signUp: defineRoute({
    operationId: 'signUp',
    method: 'POST',
    path: '/auth/sign-up',
    tag: 'accounts',
    summary: 'Create an account',
    description: `A verification link is mailed to the address. ${mailed} The link's \`token\` goes to \`verifyEmail\`.`,
    audience: 'public',
    body: SignUpBody,
    responses: { 202: AcceptedSchema },
    problems: [],
    rateLimited: true
  }),
  verifyEmail: defineRoute({
    operationId: 'verifyEmail',
    method: 'POST',
    path: '/auth/verify-email',
    tag: 'accounts',
    summary: 'Confirm an email address with the mailed token',
    description: 'The token is the `token` query parameter of the link mailed by `signUp` or `resendVerification`. `next` is where the person was going when they signed up.',
    audience: 'public',
    body: TokenBody,
    responses: { 200: Type.Object({ next: Type.Union([Type.String(), Type.Null()]) }) },
    problems: ['invalid_token']
  }),
  resendVerification: defineRoute({
    operationId: 'resendVerification',
    method: 'POST',
    path: '/auth/resend-verification',
    tag: 'accounts',
    summary: 'Mail the verification link again',
    description: mailed,
    audience: 'public',
    body: EmailBody,
    responses: { 202: AcceptedSchema },
    problems: [],
    rateLimited: true
  }),
  signIn: defineRoute({
    operationId: 'signIn',
    method: 'POST',
    path: '/auth/sign-in',
    tag: 'accounts',
    summary: 'Sign in: sets the session cookie',
    description: 'After 5 wrong passwords for one account within a minute, every attempt answers 429 for a minute.',
    audience: 'public',
    body: SignInBody,
    responses: { 200: UserResponse },
    problems: ['invalid_credentials', 'email_not_verified', 'account_suspended'],
    rateLimited: true
  }),
  signOut: defineRoute({
    operationId: 'signOut',
    method: 'POST',
    path: '/auth/sign-out',
    tag: 'accounts',
    summary: 'Sign out: ends this session and clears the cookie',
    audience: 'public',
    responses: { 204: null },
    problems: []
  }),
  requestPasswordReset: defineRoute({
    operationId: 'requestPasswordReset',
    method: 'POST',
    path: '/auth/password-reset/request',
    tag: 'accounts',
    summary: 'Mail a password-reset link',
    description: `${mailed} The link's \`token\` goes to \`confirmPasswordReset\`.`,
    audience: 'public',
    body: EmailBody,
    responses: { 202: AcceptedSchema },
    problems: [],
    rateLimited: true
  }),
  confirmPasswordReset: defineRoute({
    operationId: 'confirmPasswordReset',
    method: 'POST',
    path: '/auth/password-reset/confirm',
    tag: 'accounts',
    summary: 'Set a new password with the mailed token; ends every session',
    audience: 'public',
    body: ResetPasswordBody,
    responses: { 204: null },
    problems: ['invalid_token'],
    rateLimited: true
  }),
  getMe: defineRoute({
    operationId: 'getMe',
    method: 'GET',
    path: '/me',
    tag: 'accounts',
    summary: 'The signed-in person',
    audience: 'signedIn',
    responses: { 200: UserResponse },
    problems: []
  }),
  updateMe: defineRoute({
    operationId: 'updateMe',
    method: 'PATCH',
    path: '/me',
    tag: 'accounts',
    summary: 'Change my name, language, country, organisation or bio',
    audience: 'signedIn',
    body: UpdateProfileBody,
    responses: { 200: UserResponse },
    problems: []
  }),
  changePassword: defineRoute({
    operationId: 'changePassword',
    method: 'POST',
    path: '/me/password',
    tag: 'accounts',
    summary: 'Change my password; ends my other sessions',
    audience: 'signedIn',
    body: ChangePasswordBody,
    responses: { 204: null },
    problems: ['wrong_password', 'rate_limited']
  }),
  listMySessions: defineRoute({
    operationId: 'listMySessions',
    method: 'GET',
    path: '/me/sessions',
    tag: 'accounts',
    summary: 'My open sessions (devices)',
    audience: 'signedIn',
    responses: { 200: Type.Object({ items: Type.Array(SessionSchema) }) },
    problems: []
  }),
  endMySession: defineRoute({
    operationId: 'endMySession',
    method: 'DELETE',
    path: '/me/sessions/{id}',
    tag: 'accounts',
    summary: 'End one of my sessions',
    audience: 'signedIn',
    params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
    responses: { 204: null },
    problems: ['not_found']
  }),
  listUsers: defineRoute({
    operationId: 'listUsers',
    method: 'GET',
    path: '/admin/users',
    tag: 'admin',
    summary: 'Everyone with an account, searchable by name or email',
    description: 'Coordinators read it too: they suspend and reinstate accounts from it. Only admins change roles.',
    audience: 'coordinator',
    query: UserListQuery,
    responses: { 200: Paged(UserSchema) },
    problems: []
  }),
  setUserRole: defineRoute({
    operationId: 'setUserRole',
    method: 'PUT',
    path: '/admin/users/{id}/role',
    tag: 'admin',
    summary: 'Change a person’s hub role (member, coordinator, admin)',
    audience: 'admin',
    params: IdParams,
    body: SetRoleBody,
    responses: { 200: UserResponse },
    problems: ['not_found', 'last_admin']
  }),
  suspendUser: defineRoute({
    operationId: 'suspendUser',
    method: 'PUT',
    path: '/admin/users/{id}/suspension',
    tag: 'admin',
    summary: 'Suspend an account until a date, or until reinstated',
    description:
      'Ends every session of the person at once (their websockets close with 4401), takes them out of the people ' +
      'directory, refuses their sign-in with `account_suspended` (saying until when and why) and mails them the reason ' +
      'and the end. Their content stays. Suspending a suspended account replaces the period and reason. A scheduled job ' +
      'ends the suspension at `until`. Recorded in the account’s suspension history.',
    audience: 'coordinator',
    access: 'Coordinators suspend members; admins suspend members and coordinators. Nobody suspends an admin or themselves.',
    params: IdParams,
    body: SuspendBody,
    responses: { 200: UserResponse },
    problems: ['not_found', 'cannot_suspend_self', 'cannot_suspend_role']
  }),
  reinstateUser: defineRoute({
    operationId: 'reinstateUser',
    method: 'DELETE',
    path: '/admin/users/{id}/suspension',
    tag: 'admin',
    summary: 'Reinstate a suspended account before its suspension ends',
    description: 'The person may sign in again, is back in the people directory and is told by mail. Recorded in the suspension history.',
    audience: 'coordinator',
    access: 'The same people who may suspend the account.',
    params: IdParams,
    responses: { 200: UserResponse },
    problems: ['not_found', 'not_suspended', 'cannot_suspend_role']
  }),
  listUserSuspensions: defineRoute({
    operationId: 'listUserSuspensions',
    method: 'GET',
    path: '/admin/users/{id}/suspensions',
    tag: 'admin',
    summary: 'An account’s suspensions, newest first: who, why, until when, who reinstated',
    audience: 'coordinator',
    params: IdParams,
    responses: { 200: Type.Object({ items: Type.Array(SuspensionRecordSchema) }) },
    problems: ['not_found']
  })
} as const;

export const accountsContract = defineContract({
  tags: { accounts: 'Sign-up, sign-in, sessions and the signed-in person’s account.' },
  problems: {
    invalid_credentials: { status: 401, description: 'The email or password is not right.' },
    email_not_verified: { status: 403, description: 'The account exists but its email is not confirmed yet.' },
    wrong_password: { status: 400, description: 'The current password is not right.' },
    invalid_token: { status: 400, description: 'The mailed link is invalid, already used or expired.' },
    email_taken: { status: 409, description: 'That email already has an account.' },
    last_admin: { status: 409, description: 'The change would leave no admin (of the hub, or of an organisation).' },
    account_suspended: {
      status: 403,
      description: 'The account is suspended: `suspension.until` (null: until reinstated) and `suspension.reason` say until when and why.'
    },
    cannot_suspend_self: { status: 403, description: 'Nobody suspends their own account.' },
    cannot_suspend_role: {
      status: 403,
      description: 'Coordinators suspend and reinstate members only, admins members and coordinators; nobody suspends an admin.'
    },
    not_suspended: { status: 409, description: 'The account is not suspended.' }
  },
  routes,
  named: {
    Role: RoleSchema,
    Session: SessionSchema,
    SuspensionState: SuspensionStateSchema,
    SuspendRequest: SuspendBody,
    SignUpRequest: SignUpBody,
    SignInRequest: SignInBody,
    ProfileUpdate: UpdateProfileBody,
    PasswordChange: ChangePasswordBody,
    PasswordReset: ResetPasswordBody
  }
});
