import {
  ContactMessageBody,
  ContactMessageSchema,
  ContactPreferenceBody,
  ContactPreferenceSchema,
  ContactReplyBody,
  ContactReportBody,
  ContactReportSchema,
  ContactReportsQuery,
  ContactStatusSchema,
  SentContactMessageSchema
} from '../schemas/contact';
import { IdParams, Paged } from '../schemas/common';
import { defineContract, defineRoute } from './define';

const privacy =
  'Neither address is revealed: the hub mails the message to the recipient with the sender’s name only, and a link to answer through the hub. ' +
  'Only when the recipient answers does the sender receive the recipient’s address (as Reply-To) to write back to.';

/** Members writing to each other through the hub, without revealing addresses. */
export const contactContract = defineContract({
  tags: { contact: 'Messages between members, mailed by the hub without revealing either address.' },
  problems: {
    contact_closed: { status: 403, description: 'This person does not accept messages through the hub.' },
    contact_self: { status: 400, description: 'You cannot write to yourself.' },
    contact_limit_reached: {
      status: 429,
      description: 'You have sent as many messages as your account may send in a day; `Retry-After` says when the next one may go.'
    },
    contact_already_replied: { status: 409, description: 'This message was already answered through the hub; write by email from now on.' }
  },
  routes: {
    contactStatus: defineRoute({
      operationId: 'contactStatus',
      method: 'GET',
      path: '/people/{id}/contact',
      tag: 'contact',
      summary: 'Whether this person accepts messages (for the profile’s Contact button)',
      audience: 'signedIn',
      params: IdParams,
      responses: { 200: ContactStatusSchema },
      problems: ['not_found']
    }),
    sendContactMessage: defineRoute({
      operationId: 'sendContactMessage',
      method: 'POST',
      path: '/people/{id}/messages',
      tag: 'contact',
      summary: 'Write to a person',
      description: `${privacy} A new account (under 30 days) may send 5 messages a day, an older one 30.`,
      audience: 'signedIn',
      params: IdParams,
      body: ContactMessageBody,
      responses: { 201: SentContactMessageSchema },
      problems: ['not_found', 'contact_closed', 'contact_self', 'contact_limit_reached']
    }),
    getContactMessage: defineRoute({
      operationId: 'getContactMessage',
      method: 'GET',
      path: '/contact/messages/{id}',
      tag: 'contact',
      summary: 'A message I sent or received',
      audience: 'signedIn',
      access: 'Its sender and its recipient.',
      params: IdParams,
      responses: { 200: ContactMessageSchema },
      problems: ['not_found']
    }),
    replyToContactMessage: defineRoute({
      operationId: 'replyToContactMessage',
      method: 'POST',
      path: '/contact/messages/{id}/reply',
      tag: 'contact',
      summary: 'Answer a message I received; shares my address with its sender',
      audience: 'signedIn',
      access: 'Its recipient.',
      params: IdParams,
      body: ContactReplyBody,
      responses: { 200: ContactMessageSchema },
      problems: ['not_found', 'forbidden', 'contact_already_replied']
    }),
    reportContactMessage: defineRoute({
      operationId: 'reportContactMessage',
      method: 'POST',
      path: '/contact/messages/{id}/report',
      tag: 'contact',
      summary: 'Report a message I received as abuse',
      description: 'Coordinators see the report with the message. Reporting twice keeps the first report.',
      audience: 'signedIn',
      access: 'Its recipient.',
      params: IdParams,
      body: ContactReportBody,
      bodyOptional: true,
      responses: { 200: ContactMessageSchema },
      problems: ['not_found', 'forbidden']
    }),
    getMyContactPreference: defineRoute({
      operationId: 'getMyContactPreference',
      method: 'GET',
      path: '/me/contact',
      tag: 'contact',
      summary: 'Whether I accept messages through the hub',
      audience: 'signedIn',
      responses: { 200: ContactPreferenceSchema },
      problems: []
    }),
    setMyContactPreference: defineRoute({
      operationId: 'setMyContactPreference',
      method: 'PUT',
      path: '/me/contact',
      tag: 'contact',
      summary: 'Turn messages through the hub on or off',
      audience: 'signedIn',
      body: ContactPreferenceBody,
      responses: { 200: ContactPreferenceSchema },
      problems: []
    }),
    listContactReports: defineRoute({
      operationId: 'listContactReports',
      method: 'GET',
      path: '/admin/contact-reports',
      tag: 'admin',
      summary: 'Messages reported as abuse, newest first, with the message',
      audience: 'coordinator',
      query: ContactReportsQuery,
      responses: { 200: Paged(ContactReportSchema) },
      problems: []
    })
  },
  named: { ContactStatus: ContactStatusSchema, ContactMessage: ContactMessageSchema, ContactReport: ContactReportSchema }
});
