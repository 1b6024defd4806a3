import { Kind, Type, TypeRegistry, type Static } from '@sinclair/typebox';
import { countries, organisationTypes, themes, type Country, type OrganisationType, type Theme } from '../taxonomy';
import { locales, type Locale } from '../locales';
import { IsoDate, Uuid } from './common';
import { organisationLogoSizes } from '../images';

export { organisationLogoSizes };

/**
 * A string from a fixed list, as a plain JSON-schema `enum`: a wrong value gives
 * one clear error ("must be equal to one of the allowed values") instead of one
 * per literal, and the OpenAPI document lists the codes.
 */
if (!TypeRegistry.Has('StringEnum')) {
  TypeRegistry.Set<{ enum: string[] }>('StringEnum', (schema, value) => typeof value === 'string' && schema.enum.includes(value));
}
export const StringEnum = <T extends string>(values: readonly T[], options: Record<string, unknown> = {}) =>
  Type.Unsafe<T>({ ...options, [Kind]: 'StringEnum', type: 'string', enum: [...values] });

export const organisationStatuses = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type OrganisationStatus = (typeof organisationStatuses)[number];
export const organisationRoles = ['admin', 'member'] as const;
export const joinRequestStatuses = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];
export type OrganisationRole = (typeof organisationRoles)[number];

export const CountryCode = StringEnum<Country>(countries, { description: 'ISO 3166-1 alpha-2 country code' });
export const OrganisationTypeSchema = StringEnum<OrganisationType>(organisationTypes);
export const ThemeSchema = StringEnum<Theme>(themes);
export const OrganisationStatusSchema = StringEnum<OrganisationStatus>(organisationStatuses);
export const OrganisationRoleSchema = StringEnum<OrganisationRole>(organisationRoles);
/** Without an $id (unlike the shared LocaleSchema), so it may appear many times in one response. */
const ContentLocale = StringEnum<Locale>(locales);

export const ORGANISATION_LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const organisationLogoTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;

export const Slug = Type.String({ minLength: 1, maxLength: 120, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });
const OrgName = Type.String({ minLength: 2, maxLength: 160, pattern: '\\S' });
const City = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
/** An http(s) address; internationalised ones (IRIs) are welcome (apps/api/src/http/iri.ts). */
const Website = Type.String({ maxLength: 300, format: 'iri', pattern: '^https?://[^\\s/$.?#][^\\s]*$' });
const ContactEmail = Type.String({ format: 'email', maxLength: 254 });
const Description = Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });
const Countries = Type.Array(CountryCode, { minItems: 1, maxItems: 60, uniqueItems: true });
const Themes = Type.Array(ThemeSchema, { maxItems: themes.length, uniqueItems: true });
/** The upper bound (the current year) is checked by the service; the schema cannot know the date. */
const FoundedYear = Type.Integer({ minimum: 1800, maximum: 2100 });
const Reason = Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });

/** What a member fills in to apply, and (every field optional) to edit. */
export const OrganisationApplyBody = Type.Object(
  {
    name: OrgName,
    type: OrganisationTypeSchema,
    countries: Countries,
    hqCity: City,
    hqCountry: CountryCode,
    website: Type.Optional(Type.Union([Website, Type.Null()])),
    contactEmail: ContactEmail,
    description: Description,
    descriptionLocale: ContentLocale,
    themes: Type.Optional(Themes),
    foundedYear: Type.Optional(Type.Union([FoundedYear, Type.Null()]))
  },
  { additionalProperties: false }
);
export type OrganisationApplyInput = Static<typeof OrganisationApplyBody>;

export const OrganisationUpdateBody = Type.Partial(OrganisationApplyBody, { additionalProperties: false, minProperties: 1 });
export type OrganisationUpdateInput = Static<typeof OrganisationUpdateBody>;

export const OrganisationSchema = Type.Object(
  {
    id: Uuid,
    slug: Type.String(),
    name: Type.String(),
    type: OrganisationTypeSchema,
    countries: Type.Array(Type.String()),
    hqCity: Type.String(),
    hqCountry: Type.String(),
    website: Type.Union([Type.String(), Type.Null()]),
    contactEmail: Type.String(),
    description: Type.String(),
    descriptionLocale: ContentLocale,
    themes: Type.Array(Type.String()),
    foundedYear: Type.Union([Type.Integer(), Type.Null()]),
    /** Path of the logo on this hub, or null. */
    logoUrl: Type.Union([Type.String(), Type.Null()]),
    status: OrganisationStatusSchema,
    /** Why it was rejected or suspended; only shown to its staff and coordinators. */
    statusReason: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDate,
    approvedAt: Type.Union([IsoDate, Type.Null()])
  }
);
export type Organisation = Static<typeof OrganisationSchema>;

/** The short form shown in the directory, on the home page and in lists. */
export const OrganisationCardSchema = Type.Pick(OrganisationSchema, [
  'id',
  'slug',
  'name',
  'type',
  'countries',
  'hqCity',
  'hqCountry',
  'themes',
  'description',
  'descriptionLocale',
  'logoUrl',
  'approvedAt'
]);
export type OrganisationCard = Static<typeof OrganisationCardSchema>;

export const StaffMemberSchema = Type.Object({
  userId: Uuid,
  name: Type.String(),
  country: Type.String(),
  role: OrganisationRoleSchema,
  /** Whether the person appears on the public page. */
  listed: Type.Boolean(),
  /** Only for the organisation's admins and coordinators. */
  email: Type.Union([Type.String(), Type.Null()]),
  /** Whether the viewer may open the person's profile (their visibility allows it), so the name can link to it. */
  profileVisible: Type.Boolean(),
  joinedAt: IsoDate
});
export type StaffMember = Static<typeof StaffMemberSchema>;

/** What the viewer may do on a profile page, so the web shows only the buttons that will work. */
export const OrganisationViewerSchema = Type.Object({
  role: Type.Union([OrganisationRoleSchema, Type.Null()]),
  canEdit: Type.Boolean(),
  canManageStaff: Type.Boolean(),
  canReview: Type.Boolean(),
  canRequestToJoin: Type.Boolean(),
  joinRequestPending: Type.Boolean()
});

export const OrganisationProfileSchema = Type.Object({
  organisation: OrganisationSchema,
  /** Listed staff for everyone; every member for the organisation's admins and coordinators. */
  staff: Type.Array(StaffMemberSchema),
  viewer: OrganisationViewerSchema
});
export type OrganisationProfile = Static<typeof OrganisationProfileSchema>;

export const organisationSorts = ['relevance', 'name', 'newest'] as const;
export type OrganisationSort = (typeof organisationSorts)[number];
export const DIRECTORY_PAGE_SIZE = 20;

/** The directory's search state; every field is a URL query parameter so a link can be shared. */
export const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    country: Type.Optional(Type.Array(CountryCode, { maxItems: 30 })),
    type: Type.Optional(Type.Array(OrganisationTypeSchema, { maxItems: organisationTypes.length })),
    theme: Type.Optional(Type.Array(ThemeSchema, { maxItems: themes.length })),
    /** Relevance needs a query; without one the directory is sorted by name. */
    sort: Type.Optional(StringEnum(organisationSorts)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: DIRECTORY_PAGE_SIZE }))
  },
  { additionalProperties: false }
);
export type DirectoryQueryInput = Static<typeof DirectoryQuery>;

const FacetCounts = Type.Record(Type.String(), Type.Integer());
export const DirectoryResultSchema = Type.Object({
  items: Type.Array(OrganisationCardSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totalPages: Type.Integer(),
  sort: StringEnum(organisationSorts),
  /** Counts for each value under the current query and the other filters. */
  facets: Type.Object({ country: FacetCounts, type: FacetCounts, theme: FacetCounts }),
  /**
   * Members per country among the results: under the query and every active filter,
   * the country filter included (unlike `facets.country`, which leaves its own filter
   * out so the other countries can still be offered). What "members by country" shows.
   */
  membersByCountry: FacetCounts,
  /** Meilisearch's own time for the search, for the benchmark and the curious. */
  processingTimeMs: Type.Integer()
});
export type DirectoryResult = Static<typeof DirectoryResultSchema>;

export const NewestQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, default: 6 })) },
  { additionalProperties: false }
);

export const SlugParams = Type.Object({ slug: Slug }, { additionalProperties: false });

/** The logo's sizes, in pixels (square WebP); the pages pick one with srcset. */
export const LogoQuery = Type.Object(
  {
    v: Type.Optional(Type.String({ maxLength: 40 })),
    size: Type.Optional(Type.Union(organisationLogoSizes.map((s) => Type.Literal(s)), { default: 128 }))
  },
  { additionalProperties: false }
);
export const MemberParams = Type.Object({ id: Uuid, userId: Uuid }, { additionalProperties: false });
export const JoinRequestParams = Type.Object({ id: Uuid, requestId: Uuid }, { additionalProperties: false });
export const InvitationTokenParams = Type.Object(
  { token: Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false }
);

export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });

export const MyOrganisationsSchema = Type.Object({
  memberships: Type.Array(
    Type.Object({ organisation: OrganisationSchema, role: OrganisationRoleSchema, listed: Type.Boolean() })
  ),
  /** Organisations I applied to register, whatever their status. */
  applications: Type.Array(OrganisationSchema),
  joinRequests: Type.Array(
    Type.Object({
      id: Uuid,
      organisation: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }),
      status: StringEnum(joinRequestStatuses),
      createdAt: IsoDate
    })
  )
});
export type MyOrganisations = Static<typeof MyOrganisationsSchema>;

export const PersonRefSchema = Type.Object({ id: Uuid, name: Type.String(), email: Type.String(), country: Type.String() });

/** Another live organisation with the same name (case and accents ignored), shown to coordinators. */
export const PossibleDuplicateSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  status: OrganisationStatusSchema
});
export type PossibleDuplicate = Static<typeof PossibleDuplicateSchema>;

export const ReviewQueueSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      organisation: OrganisationSchema,
      applicant: Type.Union([PersonRefSchema, Type.Null()]),
      possibleDuplicates: Type.Array(PossibleDuplicateSchema)
    })
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer()
});

export const AdminOrganisationsQuery = Type.Object(
  {
    status: Type.Optional(OrganisationStatusSchema),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 }))
  },
  { additionalProperties: false }
);

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actor: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  subject: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  at: IsoDate
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const JoinRequestBody = Type.Object(
  { message: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false }
);
export const JoinRequestSchema = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  user: Type.Object({ id: Uuid, name: Type.String(), country: Type.String() }),
  message: Type.String(),
  status: StringEnum(joinRequestStatuses),
  createdAt: IsoDate,
  decidedAt: Type.Union([IsoDate, Type.Null()])
});
export type JoinRequest = Static<typeof JoinRequestSchema>;

export const MemberUpdateBody = Type.Object(
  { role: Type.Optional(OrganisationRoleSchema), listed: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 }
);

export const InvitationBody = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254 }), role: Type.Optional(OrganisationRoleSchema) },
  { additionalProperties: false }
);
export const InvitationSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: OrganisationRoleSchema,
  expiresAt: IsoDate,
  acceptedAt: Type.Union([IsoDate, Type.Null()]),
  createdAt: IsoDate
});
export type Invitation = Static<typeof InvitationSchema>;

/** What anyone holding the link may see before accepting. */
export const InvitationPreviewSchema = Type.Object({
  organisation: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }),
  /** The invited address, masked (`a***@example.org`). */
  email: Type.String(),
  role: OrganisationRoleSchema,
  state: StringEnum(['open', 'expired', 'used'] as const),
  expiresAt: IsoDate
});
export type InvitationPreview = Static<typeof InvitationPreviewSchema>;

export const AcceptInvitationBody = Type.Object(
  { confirmDifferentAccount: Type.Optional(Type.Boolean()) },
  { additionalProperties: false }
);
