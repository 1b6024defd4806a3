import { DeleteAccountBody, EmailChangeBody, EmailChangedSchema, PersonalDataExportSchema } from '../schemas/account-rights';
import { TokenBody } from '../schemas/accounts';
import { AcceptedSchema } from './accounts';
import { defineContract, defineRoute } from './define';

/**
 * What the owner of an account may do with it and its data (LGPD, GDPR): move it to
 * a new address, take a copy of everything, delete it.
 */
export const accountRightsContract = defineContract({
  tags: {},
  problems: {
    account_deletion_blocked: {
      status: 409,
      description:
        'The account cannot be deleted yet: `fields` lists what to resolve first (for example each organisation whose only admin the person is, by slug, with its name).'
    }
  },
  routes: {
    requestEmailChange: defineRoute({
      operationId: 'requestEmailChange',
      method: 'POST',
      path: '/me/email',
      tag: 'accounts',
      summary: 'Move my account to a new email address',
      description:
        'Mails a confirmation link to the new address (its `token` goes to `confirmEmailChange`) and tells the old address. Nothing changes until the link is opened; sessions stay open.',
      audience: 'signedIn',
      body: EmailChangeBody,
      responses: { 202: AcceptedSchema },
      problems: ['wrong_password', 'email_taken', 'rate_limited']
    }),
    confirmEmailChange: defineRoute({
      operationId: 'confirmEmailChange',
      method: 'POST',
      path: '/auth/email-change/confirm',
      tag: 'accounts',
      summary: 'Confirm a new email address with the mailed token',
      description: 'Works without a session: the link is the proof. The account’s sessions stay open.',
      audience: 'public',
      body: TokenBody,
      responses: { 200: EmailChangedSchema },
      problems: ['invalid_token', 'email_taken']
    }),
    exportMyData: defineRoute({
      operationId: 'exportMyData',
      method: 'GET',
      path: '/me/export',
      tag: 'accounts',
      summary: 'Download everything the hub holds about me, as JSON',
      description: 'Sent as an attachment (`Content-Disposition`). Every domain adds its own section.',
      audience: 'signedIn',
      responses: { 200: PersonalDataExportSchema },
      problems: []
    }),
    deleteMyAccount: defineRoute({
      operationId: 'deleteMyAccount',
      method: 'POST',
      path: '/me/delete',
      tag: 'accounts',
      summary: 'Delete my account',
      description:
        'Ends every session and live connection, removes memberships and erases personal data; what the person wrote elsewhere stays, shown as by a former member. Refused while they are the only admin of an organisation (or of the hub).',
      audience: 'signedIn',
      body: DeleteAccountBody,
      responses: { 204: null },
      problems: ['wrong_password', 'account_deletion_blocked', 'rate_limited']
    })
  },
  named: { EmailChangeRequest: EmailChangeBody, AccountDeletion: DeleteAccountBody }
});
