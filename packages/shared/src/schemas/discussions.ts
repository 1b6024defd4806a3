import { Type, type Static } from '@sinclair/typebox';
import { locales, type Locale } from '../locales';
import { countries, themes, type Country, type Theme } from '../taxonomy';
import { IsoDate, Uuid } from './common';
import { Slug, StringEnum } from './organisations';

/**
 * Discussions and Q&A: threads (a question or a discussion) whose opening text is
 * post number 1, replies, revisions, "helpful" reactions, accepted answers,
 * following, read positions and flags.
 */
export const threadKinds = ['question', 'discussion'] as const;
export type ThreadKind = (typeof threadKinds)[number];
export const followLevels = ['watching', 'tracking', 'muted'] as const;
export type FollowLevel = (typeof followLevels)[number];
export const flagReasons = ['spam', 'abuse', 'off_topic', 'other'] as const;
export type FlagReason = (typeof flagReasons)[number];
export const threadFilters = ['latest', 'unanswered', 'solved', 'mine'] as const;
export type ThreadFilter = (typeof threadFilters)[number];
export const postModerationActions = ['hide', 'restore'] as const;
export const threadModerationActions = ['lock', 'unlock', 'pin', 'unpin', 'move'] as const;
export type ThreadModerationAction = (typeof threadModerationActions)[number];

/** The longest title and body accepted (a body is Markdown source). */
export const THREAD_TITLE_MAX = 200;
export const POST_BODY_MAX = 50_000;
export const THREADS_PAGE_SIZE = 20;
export const POSTS_PAGE_SIZE = 50;

const ThreadKindSchema = StringEnum<ThreadKind>(threadKinds);
const FollowLevelSchema = StringEnum<FollowLevel>(followLevels);
const FlagReasonSchema = StringEnum<FlagReason>(flagReasons);
const ThemeCode = StringEnum<Theme>(themes);
const CountryCode = StringEnum<Country>(countries);
const ContentLocale = StringEnum<Locale>(locales);

const Title = Type.String({ minLength: 1, maxLength: THREAD_TITLE_MAX, pattern: '\\S' });
const Body = Type.String({ minLength: 1, maxLength: POST_BODY_MAX, pattern: '\\S', description: 'Markdown; rendered and sanitised on the server.' });
const Tag = Type.String({ minLength: 1, maxLength: 30, pattern: '^[\\p{L}\\p{N}][\\p{L}\\p{N} _-]*$' });
const Tags = Type.Array(Tag, { maxItems: 10, uniqueItems: true });
const Countries = Type.Array(CountryCode, { maxItems: 30, uniqueItems: true });

export const ThreadIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PostIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const CreateThreadBody = Type.Object(
  {
    kind: ThreadKindSchema,
    title: Title,
    body: Body,
    theme: ThemeCode,
    tags: Type.Optional(Tags),
    countries: Type.Optional(Countries),
    language: ContentLocale,
    /** The slug of an organisation the author belongs to, to post on its behalf. */
    organisation: Type.Optional(Type.Union([Slug, Type.Null()]))
  },
  { additionalProperties: false }
);
export type CreateThreadInput = Static<typeof CreateThreadBody>;

export const UpdateThreadBody = Type.Object(
  {
    title: Type.Optional(Title),
    body: Type.Optional(Body),
    theme: Type.Optional(ThemeCode),
    tags: Type.Optional(Tags),
    countries: Type.Optional(Countries),
    language: Type.Optional(ContentLocale)
  },
  { additionalProperties: false, minProperties: 1 }
);
export type UpdateThreadInput = Static<typeof UpdateThreadBody>;

export const ReplyBody = Type.Object(
  {
    body: Body,
    /** The post this reply answers or quotes (in the same thread). */
    replyTo: Type.Optional(Type.Union([Uuid, Type.Null()]))
  },
  { additionalProperties: false }
);
export type ReplyInput = Static<typeof ReplyBody>;

export const EditPostBody = Type.Object({ body: Body }, { additionalProperties: false });
export const AcceptAnswerBody = Type.Object(
  { postId: Type.Union([Uuid, Type.Null()], { description: 'The accepted reply, or null to withdraw the acceptance.' }) },
  { additionalProperties: false }
);
export const FollowBody = Type.Object({ level: FollowLevelSchema }, { additionalProperties: false });
export const FlagBody = Type.Object(
  { reason: FlagReasonSchema, note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false }
);
export const ModeratePostBody = Type.Object(
  { action: StringEnum(postModerationActions), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false }
);
export const ModerateThreadBody = Type.Object(
  {
    action: StringEnum<ThreadModerationAction>(threadModerationActions),
    /** The new theme, for `move`. */
    theme: Type.Optional(ThemeCode)
  },
  { additionalProperties: false }
);

export const ThreadListQuery = Type.Object(
  {
    filter: Type.Optional(StringEnum<ThreadFilter>(threadFilters)),
    kind: Type.Optional(ThreadKindSchema),
    theme: Type.Optional(ThemeCode),
    country: Type.Optional(CountryCode),
    language: Type.Optional(ContentLocale),
    /** An organisation's slug: threads posted on its behalf. */
    organisation: Type.Optional(Slug),
    /** The `nextCursor` of the previous page. */
    cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: THREADS_PAGE_SIZE }))
  },
  { additionalProperties: false }
);
export type ThreadListQueryInput = Static<typeof ThreadListQuery>;

export const ThreadSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(ThreadKindSchema),
    theme: Type.Optional(ThemeCode),
    country: Type.Optional(CountryCode),
    language: Type.Optional(ContentLocale),
    solved: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 }))
  },
  { additionalProperties: false }
);
export type ThreadSearchQueryInput = Static<typeof ThreadSearchQuery>;

export const ThreadPageQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) },
  { additionalProperties: false }
);

const PersonRef = Type.Object({ id: Uuid, name: Type.String() });
const OrganisationRef = Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() });

export const ThreadCardSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  kind: ThreadKindSchema,
  title: Type.String(),
  theme: ThemeCode,
  tags: Type.Array(Type.String()),
  countries: Type.Array(Type.String()),
  language: ContentLocale,
  author: Type.Union([PersonRef, Type.Null()]),
  organisation: Type.Union([OrganisationRef, Type.Null()]),
  excerpt: Type.String(),
  replyCount: Type.Integer(),
  solved: Type.Boolean(),
  pinned: Type.Boolean(),
  locked: Type.Boolean(),
  lastActivityAt: IsoDate,
  createdAt: IsoDate,
  /** Posts after where the signed-in reader stopped (all of them when never opened); 0 for visitors. */
  unreadCount: Type.Integer({ minimum: 0 })
});
export type ThreadCard = Static<typeof ThreadCardSchema>;

export const ThreadListSchema = Type.Object({
  items: Type.Array(ThreadCardSchema),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: Type.Union([Type.String(), Type.Null()])
});
export type ThreadList = Static<typeof ThreadListSchema>;

export const PostSchema = Type.Object({
  id: Uuid,
  number: Type.Integer({ minimum: 1 }),
  author: Type.Union([PersonRef, Type.Null()]),
  replyTo: Type.Union([Type.Object({ id: Uuid, number: Type.Integer(), authorName: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  /** Sanitised HTML; null for a deleted post (a tombstone). A hidden post reaches only its author and coordinators. */
  html: Type.Union([Type.String(), Type.Null()]),
  /** The Markdown source, only for whoever may edit the post. */
  source: Type.Union([Type.String(), Type.Null()]),
  deleted: Type.Boolean(),
  hidden: Type.Boolean(),
  editedAt: Type.Union([IsoDate, Type.Null()]),
  helpfulCount: Type.Integer({ minimum: 0 }),
  reactedByMe: Type.Boolean(),
  accepted: Type.Boolean(),
  createdAt: IsoDate,
  viewer: Type.Object({ edit: Type.Boolean(), delete: Type.Boolean(), accept: Type.Boolean(), react: Type.Boolean(), flag: Type.Boolean(), moderate: Type.Boolean() })
});
export type Post = Static<typeof PostSchema>;

export const ThreadPageSchema = Type.Object({
  thread: ThreadCardSchema,
  opening: PostSchema,
  acceptedAnswer: Type.Union([PostSchema, Type.Null()]),
  /** Replies on this page, in order. */
  posts: Type.Array(PostSchema),
  page: Type.Integer(),
  pageCount: Type.Integer(),
  viewer: Type.Object({
    reply: Type.Boolean(),
    edit: Type.Boolean(),
    moderate: Type.Boolean(),
    following: Type.Union([FollowLevelSchema, Type.Null()]),
    /** The highest post number read before this visit (0 when never opened). */
    lastReadNumber: Type.Integer({ minimum: 0 })
  })
});
export type ThreadPage = Static<typeof ThreadPageSchema>;

export const CreatedThreadSchema = Type.Object({ thread: Type.Object({ id: Uuid, slug: Type.String() }) });
export const PostResponseSchema = Type.Object({ post: PostSchema });
export const AcceptedAnswerSchema = Type.Object({ acceptedPostId: Type.Union([Uuid, Type.Null()]) });
export const ReactionSchema = Type.Object({ helpfulCount: Type.Integer({ minimum: 0 }), reactedByMe: Type.Boolean() });
export const FollowingSchema = Type.Object({ level: FollowLevelSchema });
export const FlagCreatedSchema = Type.Object({ flag: Type.Object({ id: Uuid }) });

export const RevisionSchema = Type.Object({
  html: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  editor: Type.Union([PersonRef, Type.Null()]),
  writtenAt: IsoDate
});
export const RevisionListSchema = Type.Object({ items: Type.Array(RevisionSchema) });

export const FlagQueueItemSchema = Type.Object({
  id: Uuid,
  reason: FlagReasonSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  reporter: Type.Union([PersonRef, Type.Null()]),
  createdAt: IsoDate,
  post: Type.Object({
    id: Uuid,
    number: Type.Integer(),
    threadId: Uuid,
    threadTitle: Type.String(),
    excerpt: Type.String(),
    hidden: Type.Boolean(),
    author: Type.Union([PersonRef, Type.Null()])
  })
});
export const FlagQueueSchema = Type.Object({ items: Type.Array(FlagQueueItemSchema) });
export type FlagQueue = Static<typeof FlagQueueSchema>;

const FacetCounts = Type.Record(Type.String(), Type.Integer());
export const ThreadSearchResultSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      slug: Type.String(),
      kind: ThreadKindSchema,
      title: Type.String(),
      excerpt: Type.String(),
      theme: ThemeCode,
      language: ContentLocale,
      solved: Type.Boolean(),
      replyCount: Type.Integer(),
      lastActivityAt: IsoDate
    })
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  facets: Type.Object({ theme: FacetCounts, language: FacetCounts, kind: FacetCounts, solved: FacetCounts, countries: FacetCounts })
});
export type ThreadSearchResult = Static<typeof ThreadSearchResultSchema>;

/** The themes whose new threads the person hears of. */
export const WatchedThemesSchema = Type.Object(
  { themes: Type.Array(ThemeCode, { maxItems: themes.length, uniqueItems: true }) },
  { additionalProperties: false }
);
export type WatchedThemes = Static<typeof WatchedThemesSchema>;

// ------------------------------------------------------------ images in posts

/** An image for a post, as uploaded: refused before it is read past this. */
export const POST_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const postImageTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
/** The widths stored: 800 for a column of text, 1600 for the same on a dense screen (srcset). */
export const POST_IMAGE_WIDTHS = [800, 1600] as const;
/** Where the hub serves post images; Markdown images elsewhere are dropped (infra/markdown.ts). */
export const POST_IMAGE_PREFIX = '/api/images/';

export const PostImageParams = Type.Object(
  {
    id: Uuid,
    file: Type.Union(POST_IMAGE_WIDTHS.map((w) => Type.Literal(`${w}.webp`)))
  },
  { additionalProperties: false }
);

export const PostImageSchema = Type.Object(
  {
    id: Uuid,
    /** The address to write in Markdown: `![alt](url)`. */
    url: Type.String(),
    /** Ready to insert: `![alt](url)`, with the alt text from the file name. */
    markdown: Type.String(),
    width: Type.Integer(),
    height: Type.Integer()
  },
  { additionalProperties: false }
);
