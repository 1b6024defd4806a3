import { Type, type Static } from '@sinclair/typebox';
import { countries, resourceLicences, resourceTypes, themes, type Country, type ResourceLicence, type ResourceType, type Theme } from '../taxonomy';
import { IsoDate, Uuid } from './common';
import { Slug, StringEnum } from './organisations';

/**
 * The library: resources (reports, briefs, toolkits, datasets…) that members
 * contribute and coordinators review before they are public.
 *
 * draft → pending (submitted) → published | changes_requested (with a note) | rejected (with a note).
 * The submitter edits a draft or a resource with changes requested and submits it again;
 * coordinators may publish directly, and may take a published resource down again
 * (changes requested or rejected).
 */
export const resourceStatuses = ['draft', 'pending', 'changes_requested', 'published', 'rejected'] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];


/** What the hub accepts as a resource file, decided by the bytes, never by the name or the browser's claim. */
export const resourceFileKinds = ['pdf', 'docx', 'xlsx', 'pptx', 'csv', 'png', 'jpeg', 'webp'] as const;
export type ResourceFileKind = (typeof resourceFileKinds)[number];
export const RESOURCE_FILE_MAX_BYTES = 50 * 1024 * 1024;
export const resourceFileMediaTypes = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'text/csv',
  'image/png',
  'image/jpeg',
  'image/webp'
] as const;

export const extractionStates = ['none', 'pending', 'done', 'failed'] as const;
export type ExtractionState = (typeof extractionStates)[number];

export const citationFormats = ['bibtex', 'ris', 'csl'] as const;
export type CitationFormat = (typeof citationFormats)[number];

export const librarySorts = ['relevance', 'newest', 'oldest', 'title'] as const;
export type LibrarySort = (typeof librarySorts)[number];
export const LIBRARY_PAGE_SIZE = 20;

export const ResourceTypeSchema = StringEnum<ResourceType>(resourceTypes);
export const ResourceStatusSchema = StringEnum<ResourceStatus>(resourceStatuses);
const ThemeCode = StringEnum<Theme>(themes);
const CountryCode = StringEnum<Country>(countries, { description: 'ISO 3166-1 alpha-2 country code' });
/** ISO 639-1: the languages the resource is written in (not only the hub's three). */
export const ContentLanguage = Type.String({ pattern: '^[a-z]{2}$', description: 'ISO 639-1 language code' });

const Title = Type.String({ minLength: 3, maxLength: 300, pattern: '\\S' });
const Summary = Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S', description: 'Markdown' });
const Author = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Link = Type.String({ maxLength: 500, format: 'iri', pattern: '^https?://[^\\s/$.?#][^\\s]*$' });
const Year = Type.Integer({ minimum: 1900, maximum: 2100 });
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Note = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });

const resourceFields = {
  title: Title,
  summary: Summary,
  type: ResourceTypeSchema,
  themes: Type.Array(ThemeCode, { maxItems: 6, uniqueItems: true }),
  /** Empty with `regional` true for a resource about the whole region. */
  countries: Type.Array(CountryCode, { maxItems: 30, uniqueItems: true }),
  regional: Type.Boolean(),
  languages: Type.Array(ContentLanguage, { minItems: 1, maxItems: 6, uniqueItems: true }),
  year: Year,
  publishedOn: Type.Union([DateOnly, Type.Null()]),
  authors: Type.Array(Author, { maxItems: 30 }),
  /** The slug of an approved member organisation; otherwise `publisherName`. */
  publisherOrganisation: Type.Union([Slug, Type.Null()]),
  publisherName: Type.Union([Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), Type.Null()]),
  licence: StringEnum<ResourceLicence>(resourceLicences),
  externalUrl: Type.Union([Link, Type.Null()]),
  relatedEventIds: Type.Array(Uuid, { maxItems: 10, uniqueItems: true }),
  relatedThreadIds: Type.Array(Uuid, { maxItems: 10, uniqueItems: true })
};

const optional = <T extends Record<string, import('@sinclair/typebox').TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof T]: import('@sinclair/typebox').TOptional<T[K]>;
  };

export const ResourceCreateBody = Type.Object(
  {
    ...resourceFields,
    themes: Type.Optional(resourceFields.themes),
    countries: Type.Optional(resourceFields.countries),
    regional: Type.Optional(resourceFields.regional),
    publishedOn: Type.Optional(resourceFields.publishedOn),
    authors: Type.Optional(resourceFields.authors),
    publisherOrganisation: Type.Optional(resourceFields.publisherOrganisation),
    publisherName: Type.Optional(resourceFields.publisherName),
    externalUrl: Type.Optional(resourceFields.externalUrl),
    relatedEventIds: Type.Optional(resourceFields.relatedEventIds),
    relatedThreadIds: Type.Optional(resourceFields.relatedThreadIds)
  },
  { additionalProperties: false }
);
export type ResourceCreateInput = Static<typeof ResourceCreateBody>;

export const ResourceUpdateBody = Type.Object(optional(resourceFields), { additionalProperties: false, minProperties: 1 });
export type ResourceUpdateInput = Static<typeof ResourceUpdateBody>;

export const ReviewNoteBody = Type.Object({ note: Note }, { additionalProperties: false });

export const ResourceFileSchema = Type.Object({
  id: Uuid,
  filename: Type.String(),
  kind: StringEnum<ResourceFileKind>(resourceFileKinds),
  mediaType: Type.String(),
  bytes: Type.Integer({ minimum: 0 }),
  /** 1 for the first upload; a replacement gets the next number, and the earlier one is kept. */
  version: Type.Integer({ minimum: 1 }),
  extraction: StringEnum<ExtractionState>(extractionStates),
  /** The path that downloads it on this hub. */
  url: Type.String(),
  uploadedAt: IsoDate,
  /** When a newer version replaced it (or it was removed); null while current. */
  supersededAt: Type.Union([IsoDate, Type.Null()])
});
export type ResourceFile = Static<typeof ResourceFileSchema>;

const PublisherSchema = Type.Object({
  name: Type.String(),
  /** The member organisation, when the publisher is one. */
  organisation: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()])
});

export const ResourceViewerSchema = Type.Object({
  canEdit: Type.Boolean(),
  canSubmit: Type.Boolean(),
  canReview: Type.Boolean(),
  canDelete: Type.Boolean()
});

export const ResourceSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  /** The Markdown as written, for editing. */
  summary: Type.String(),
  /** The summary rendered and sanitised on the server, safe to insert. */
  summaryHtml: Type.String(),
  type: ResourceTypeSchema,
  themes: Type.Array(Type.String()),
  countries: Type.Array(Type.String()),
  regional: Type.Boolean(),
  languages: Type.Array(Type.String()),
  year: Type.Integer(),
  publishedOn: Type.Union([Type.String(), Type.Null()]),
  authors: Type.Array(Type.String()),
  publisher: Type.Union([PublisherSchema, Type.Null()]),
  licence: Type.String(),
  externalUrl: Type.Union([Type.String(), Type.Null()]),
  relatedEventIds: Type.Array(Uuid),
  relatedThreadIds: Type.Array(Uuid),
  status: ResourceStatusSchema,
  /** The coordinator's note (changes requested, rejected); only for the submitter and coordinators. */
  reviewNote: Type.Union([Type.String(), Type.Null()]),
  submitter: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  files: Type.Array(ResourceFileSchema),
  /** Earlier versions of files, kept when a published resource is updated. */
  earlierFiles: Type.Array(ResourceFileSchema),
  /** The cover image's path, or null: the page then shows the type's icon. */
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  downloadCount: Type.Integer({ minimum: 0 }),
  viewCount: Type.Integer({ minimum: 0 }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  publishedAt: Type.Union([IsoDate, Type.Null()]),
  submittedAt: Type.Union([IsoDate, Type.Null()])
});
export type Resource = Static<typeof ResourceSchema>;

export const ResourceResponse = Type.Object({ resource: ResourceSchema, viewer: ResourceViewerSchema });
export type ResourceView = Static<typeof ResourceResponse>;

export const ResourceCardSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  type: ResourceTypeSchema,
  year: Type.Integer(),
  authors: Type.Array(Type.String()),
  publisherName: Type.Union([Type.String(), Type.Null()]),
  countries: Type.Array(Type.String()),
  regional: Type.Boolean(),
  languages: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  status: ResourceStatusSchema,
  reviewNote: Type.Union([Type.String(), Type.Null()]),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  updatedAt: IsoDate
});
export type ResourceCard = Static<typeof ResourceCardSchema>;

/** A piece of highlighted text: `match` pieces are what the query found. Plain text, never HTML. */
export const TextPieceSchema = Type.Object({ text: Type.String(), match: Type.Boolean() });
export type TextPiece = Static<typeof TextPieceSchema>;

export const LibraryHitSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.Array(TextPieceSchema),
  /** A few words around the match: from the summary, or from the document's own text. */
  snippet: Type.Array(TextPieceSchema),
  /** Where the snippet comes from. */
  snippetFrom: StringEnum(['summary', 'text'] as const),
  type: ResourceTypeSchema,
  year: Type.Integer(),
  authors: Type.Array(Type.String()),
  publisherName: Type.Union([Type.String(), Type.Null()]),
  countries: Type.Array(Type.String()),
  regional: Type.Boolean(),
  languages: Type.Array(Type.String()),
  coverUrl: Type.Union([Type.String(), Type.Null()])
});
export type LibraryHit = Static<typeof LibraryHitSchema>;

export const LibraryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    type: Type.Optional(Type.Array(ResourceTypeSchema, { maxItems: resourceTypes.length })),
    theme: Type.Optional(Type.Array(ThemeCode, { maxItems: themes.length })),
    country: Type.Optional(Type.Array(CountryCode, { maxItems: 30 })),
    language: Type.Optional(Type.Array(ContentLanguage, { maxItems: 10 })),
    year: Type.Optional(Type.Array(Year, { maxItems: 30 })),
    /** Publisher names as the facet lists them; any text, escaped before it reaches the filter. */
    publisher: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 10 })),
    sort: Type.Optional(StringEnum(librarySorts)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: LIBRARY_PAGE_SIZE }))
  },
  { additionalProperties: false }
);
export type LibraryQueryInput = Static<typeof LibraryQuery>;

const FacetCounts = Type.Record(Type.String(), Type.Integer());
export const libraryFacets = ['type', 'theme', 'country', 'language', 'year', 'publisher'] as const;
export type LibraryFacet = (typeof libraryFacets)[number];

export const LibraryResultSchema = Type.Object({
  items: Type.Array(LibraryHitSchema),
  /** How many resources match: Meilisearch's estimate when `totalIsEstimate` (counting every match exactly is what made a search slow at 100,000 resources). */
  total: Type.Integer(),
  /** True when `total` is an estimate: the page says "about". */
  totalIsEstimate: Type.Boolean(),
  /** Whether a page follows this one (always known exactly). */
  hasNext: Type.Boolean(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** Pages at `total`: an estimate too when `totalIsEstimate`. */
  totalPages: Type.Integer(),
  sort: StringEnum(librarySorts),
  /** Counts for each value under the query and the other filters. */
  facets: Type.Object({
    type: FacetCounts,
    theme: FacetCounts,
    country: FacetCounts,
    language: FacetCounts,
    year: FacetCounts,
    publisher: FacetCounts
  }),
  processingTimeMs: Type.Integer()
});
export type LibraryResult = Static<typeof LibraryResultSchema>;

export const ResourceListSchema = Type.Object({
  items: Type.Array(ResourceCardSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer()
});

/** A thread or an event that resources may name as related: `/library/related/thread/<id>`. */
export const RelatedToParams = Type.Object({ kind: StringEnum(['thread', 'event'] as const), id: Uuid }, { additionalProperties: false });
export type RelatedTo = Static<typeof RelatedToParams>;
export const ResourceSlugParams = Type.Object({ slug: Slug }, { additionalProperties: false });
export const ResourceFileParams = Type.Object({ slug: Slug, fileId: Uuid }, { additionalProperties: false });
export const ResourceUploadQuery = Type.Object(
  { replaces: Type.Optional(Uuid) },
  { additionalProperties: false }
);
export const CitationQuery = Type.Object(
  { format: Type.Optional(StringEnum<CitationFormat>(citationFormats, { default: 'bibtex' })) },
  { additionalProperties: false }
);
export const CitationSelectionQuery = Type.Object(
  {
    slug: Type.Array(Slug, { minItems: 1, maxItems: 100 }),
    format: Type.Optional(StringEnum<CitationFormat>(citationFormats, { default: 'bibtex' }))
  },
  { additionalProperties: false }
);
export const ListPageQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) },
  { additionalProperties: false }
);
export const NewestResourcesQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, default: 6 })) },
  { additionalProperties: false }
);
