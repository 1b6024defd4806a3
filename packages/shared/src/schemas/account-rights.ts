import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Uuid } from './common';

/** The current password, to confirm a step that matters (new address, deletion). */
const CurrentPassword = Type.String({ minLength: 1, maxLength: 256 });

export const EmailChangeBody = Type.Object(
  { newEmail: Type.String({ format: 'email', maxLength: 254 }), password: CurrentPassword },
  { additionalProperties: false }
);
export type EmailChangeInput = Static<typeof EmailChangeBody>;

export const EmailChangedSchema = Type.Object({ email: Type.String() });

/**
 * Deleting an account: the password, and `confirm: true` so that a stray request
 * (or a form submitted before its confirmation step) deletes nothing.
 */
export const DeleteAccountBody = Type.Object(
  {
    password: CurrentPassword,
    confirm: Type.Optional(Type.Boolean({ description: 'Must be true; checked after the session, so a visitor gets 401 whatever the body says.' }))
  },
  { additionalProperties: false }
);
export type DeleteAccountInput = Static<typeof DeleteAccountBody>;

/**
 * Everything the hub holds about a person, as one JSON document: the account,
 * and one section per domain (`organisations`, `notifications`, `contact`…),
 * each shaped by that domain.
 */
export const PersonalDataExportSchema = Type.Object(
  {
    format: Type.Literal('mutirao.personal-data.v1'),
    exportedAt: IsoDate,
    userId: Uuid,
    sections: Type.Record(Type.String(), Type.Unknown(), {
      description: 'One entry per domain that holds data about the person, keyed by the domain’s name.'
    })
  },
  { $id: 'PersonalDataExport' }
);
export type PersonalDataExport = Static<typeof PersonalDataExportSchema>;

/** Why an account cannot be deleted yet (each one is something the person can resolve first). */
export const deletionBlockerKinds = ['organisation_last_admin', 'hub_last_admin'] as const;
export type DeletionBlockerKind = (typeof deletionBlockerKinds)[number];
