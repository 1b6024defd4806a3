import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Uuid } from './common';

/** Whether someone accepts messages through the hub (and their name, for the form); `self` when it is the reader. */
export const ContactStatusSchema = Type.Object({ name: Type.String(), open: Type.Boolean(), self: Type.Boolean() }, { $id: 'ContactStatus' });
export type ContactStatus = Static<typeof ContactStatusSchema>;

export const ContactPreferenceSchema = Type.Object({ open: Type.Boolean() });
export const ContactPreferenceBody = Type.Object({ open: Type.Boolean() }, { additionalProperties: false });

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

export const ContactMessageBody = Type.Object(
  { subject: Text(150), body: Text(5000) },
  { additionalProperties: false }
);
export type ContactMessageInput = Static<typeof ContactMessageBody>;

export const ContactReplyBody = Type.Object({ body: Text(5000) }, { additionalProperties: false });
export const ContactReportBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

const PersonRef = Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()], {
  description: 'Null once the account was deleted.'
});

/** A message as its sender or recipient sees it: names, never addresses. */
export const ContactMessageSchema = Type.Object(
  {
    id: Uuid,
    subject: Type.String(),
    body: Type.String(),
    sender: PersonRef,
    recipient: PersonRef,
    createdAt: IsoDate,
    replyBody: Type.Union([Type.String(), Type.Null()]),
    repliedAt: Type.Union([IsoDate, Type.Null()]),
    reported: Type.Boolean(),
    /** How the reader stands to the message: only its recipient may reply or report it. */
    viewer: Type.Union([Type.Literal('sender'), Type.Literal('recipient')])
  },
  { $id: 'ContactMessage' }
);
export type ContactMessage = Static<typeof ContactMessageSchema>;

export const SentContactMessageSchema = Type.Object({ id: Uuid, createdAt: IsoDate });

export const ContactReportSchema = Type.Object(
  {
    id: Uuid,
    reason: Type.String(),
    createdAt: IsoDate,
    message: Type.Object({
      id: Uuid,
      subject: Type.String(),
      body: Type.String(),
      createdAt: IsoDate,
      sender: PersonRef,
      recipient: PersonRef
    })
  },
  { $id: 'ContactReport' }
);
export type ContactReport = Static<typeof ContactReportSchema>;

export const ContactReportsQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })) },
  { additionalProperties: false }
);
