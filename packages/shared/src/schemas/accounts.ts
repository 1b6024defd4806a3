import { Type, type Static } from '@sinclair/typebox';
import { CountrySchema, IsoDate, LocaleSchema, Uuid } from './common';

export const roles = ['member', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];
export const RoleSchema = Type.Union(roles.map((r) => Type.Literal(r)));

const Email = Type.String({ format: 'email', maxLength: 254 });
/** Long passphrases welcome; the upper bound keeps hashing cheap to refuse. */
export const Password = Type.String({ minLength: 10, maxLength: 256 });
/** Something besides spaces: the service trims it, and a name must survive that. */
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const OrganisationName = Type.String({ maxLength: 200 });
const Bio = Type.String({ maxLength: 2000 });
const Token = Type.String({ minLength: 16, maxLength: 200 });

export const SUSPENSION_REASON_MAX = 1000;

/** An account's current suspension: until when (null: until reinstated) and why, as the person is told. */
export const SuspensionStateSchema = Type.Object(
  {
    until: Type.Union([IsoDate, Type.Null()]),
    reason: Type.String()
  },
  { $id: 'SuspensionState' }
);
export type SuspensionState = Static<typeof SuspensionStateSchema>;

export const UserSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    locale: LocaleSchema,
    country: Type.String(),
    organisationName: Type.Union([Type.String(), Type.Null()]),
    bio: Type.Union([Type.String(), Type.Null()]),
    emailVerified: Type.Boolean(),
    createdAt: IsoDate,
    /** Set while the account is suspended (staff see it on the people page; the person cannot be signed in meanwhile). */
    suspension: Type.Union([SuspensionStateSchema, Type.Null()])
  },
  { $id: 'User' }
);
export type User = Static<typeof UserSchema>;

export const SignUpBody = Type.Object(
  {
    name: Name,
    email: Email,
    password: Password,
    locale: LocaleSchema,
    country: CountrySchema,
    organisationName: Type.Optional(OrganisationName),
    /** Where the verification link sends the person after verifying (a path on this hub). */
    // Not `//` or `/\` (another site), and no control characters: browsers drop tabs and
    // newlines from URLs, so `/<tab>/evil.example` would become `//evil.example`.
    next: Type.Optional(Type.String({ maxLength: 500, pattern: '^/([^/\\\\\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*)?$' }))
  },
  { additionalProperties: false }
);
export type SignUpInput = Static<typeof SignUpBody>;

export const SignInBody = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 256 }),
    // A language chosen before signing in (the web's switcher): saved to the account on success.
    locale: Type.Optional(LocaleSchema)
  },
  { additionalProperties: false }
);
export type SignInInput = Static<typeof SignInBody>;

export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false });
export const TokenBody = Type.Object({ token: Token }, { additionalProperties: false });
export const ResetPasswordBody = Type.Object(
  { token: Token, password: Password },
  { additionalProperties: false }
);
export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Password },
  { additionalProperties: false }
);
export const UpdateProfileBody = Type.Object(
  {
    name: Type.Optional(Name),
    locale: Type.Optional(LocaleSchema),
    country: Type.Optional(CountrySchema),
    organisationName: Type.Optional(Type.Union([OrganisationName, Type.Null()])),
    bio: Type.Optional(Type.Union([Bio, Type.Null()]))
  },
  { additionalProperties: false, minProperties: 1 }
);
export type UpdateProfileInput = Static<typeof UpdateProfileBody>;

export const SessionSchema = Type.Object({
  id: Type.String(),
  createdAt: IsoDate,
  lastUsedAt: IsoDate,
  expiresAt: IsoDate,
  userAgent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean()
});
export type SessionInfo = Static<typeof SessionSchema>;

export const SetRoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 }))
  },
  { additionalProperties: false }
);

/** Suspends an account until a moment (null: until reinstated), with the reason the person is shown. */
export const SuspendBody = Type.Object(
  {
    until: Type.Union([IsoDate, Type.Null()], { description: 'When the suspension ends; null keeps it until a reinstatement. Must be in the future.' }),
    reason: Type.String({ minLength: 1, maxLength: SUSPENSION_REASON_MAX, pattern: '\\S', description: 'Shown to the person (mail, sign-in).' })
  },
  { additionalProperties: false }
);
export type SuspendInput = Static<typeof SuspendBody>;

/** One suspension in an account's history: the audit trail of suspensions and reinstatements. */
export const SuspensionRecordSchema = Type.Object(
  {
    id: Uuid,
    reason: Type.String(),
    startsAt: IsoDate,
    endsAt: Type.Union([IsoDate, Type.Null()]),
    liftedAt: Type.Union([IsoDate, Type.Null()]),
    suspendedBy: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
    liftedBy: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()])
  },
  { $id: 'SuspensionRecord' }
);
export type SuspensionRecord = Static<typeof SuspensionRecordSchema>;
