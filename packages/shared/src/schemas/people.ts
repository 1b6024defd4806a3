import { Type, type Static } from '@sinclair/typebox';
import { countries, themes, type Country, type Theme } from '../taxonomy';
import {
  PEOPLE_PAGE_SIZE,
  personPhotoSizes,
  profileVisibilities,
  spokenLanguages,
  type ProfileVisibility,
  type SpokenLanguage
} from '../people';
import { IsoDate, Uuid } from './common';
import { OrganisationRoleSchema, StringEnum } from './organisations';
import { ProfileSectionSchema } from './sections';

export { PEOPLE_PAGE_SIZE, personPhotoSizes, profileVisibilities, spokenLanguages };

export const ProfileVisibilitySchema = StringEnum<ProfileVisibility>(profileVisibilities, {
  description: 'Who may see the profile: everyone, signed-in members, or only people in the same organisations.'
});
export const SpokenLanguageSchema = StringEnum<SpokenLanguage>(spokenLanguages, { description: 'ISO 639 language code' });
const PersonCountry = StringEnum<Country>(countries, { description: 'ISO 3166-1 alpha-2 country code' });
const PersonTheme = StringEnum<Theme>(themes);

export const PersonParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/**
 * Links are checked and normalised by the service, not by a pattern here: a website
 * typed as `example.org` gains `https://` instead of being refused, and the problem
 * names the field when what is left is not an address.
 */
const Link = Type.String({ maxLength: 300 });

/** What a person may change on their own profile; every field optional, at least one. */
export const ProfileUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' })),
    headline: Type.Optional(Type.Union([Type.String({ maxLength: 160 }), Type.Null()])),
    bio: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    countries: Type.Optional(Type.Array(PersonCountry, { maxItems: 60, uniqueItems: true })),
    languages: Type.Optional(Type.Array(SpokenLanguageSchema, { maxItems: spokenLanguages.length, uniqueItems: true })),
    themes: Type.Optional(Type.Array(PersonTheme, { maxItems: themes.length, uniqueItems: true })),
    website: Type.Optional(Type.Union([Link, Type.Null()])),
    linkedin: Type.Optional(Type.Union([Link, Type.Null()])),
    orcid: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
    visibility: Type.Optional(ProfileVisibilitySchema)
  },
  { additionalProperties: false, minProperties: 1 }
);
export type ProfileUpdateInput = Static<typeof ProfileUpdateBody>;

export const PersonOrganisationSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  role: OrganisationRoleSchema
});

export const PersonSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  headline: Type.Union([Type.String(), Type.Null()]),
  /** The bio as written (Markdown); only in the person's own profile, for the edit form. */
  bioSource: Type.Union([Type.String(), Type.Null()]),
  /** Sanitised HTML. */
  bioHtml: Type.Union([Type.String(), Type.Null()]),
  countries: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  /** Only organisations where the person's membership is listed. */
  organisations: Type.Array(PersonOrganisationSchema),
  links: Type.Object({
    website: Type.Union([Type.String(), Type.Null()]),
    linkedin: Type.Union([Type.String(), Type.Null()]),
    orcid: Type.Union([Type.String(), Type.Null()])
  }),
  /** Path of the photo on this hub (with its version), or null: the web draws initials. */
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  visibility: ProfileVisibilitySchema,
  memberSince: IsoDate
});
export type Person = Static<typeof PersonSchema>;

export const PersonProfileSchema = Type.Object({
  person: PersonSchema,
  /** What other domains show about the person (threads, events, resources), as the viewer may see them. */
  sections: Type.Array(ProfileSectionSchema),
  viewer: Type.Object({ isSelf: Type.Boolean() })
});
export type PersonProfile = Static<typeof PersonProfileSchema>;

export const PersonCardSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  headline: Type.Union([Type.String(), Type.Null()]),
  countries: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  photoUrl: Type.Union([Type.String(), Type.Null()])
});
export type PersonCard = Static<typeof PersonCardSchema>;

export const PeopleQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    country: Type.Optional(Type.Array(PersonCountry, { maxItems: 30 })),
    organisation: Type.Optional(Type.Array(Uuid, { maxItems: 30 })),
    theme: Type.Optional(Type.Array(PersonTheme, { maxItems: themes.length })),
    language: Type.Optional(Type.Array(SpokenLanguageSchema, { maxItems: spokenLanguages.length })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: PEOPLE_PAGE_SIZE }))
  },
  { additionalProperties: false }
);
export type PeopleQueryInput = Static<typeof PeopleQuery>;

const FacetCounts = Type.Record(Type.String(), Type.Integer());
export const PeopleDirectorySchema = Type.Object({
  items: Type.Array(PersonCardSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totalPages: Type.Integer(),
  /** Counts for each value under the current query and the other filters. */
  facets: Type.Object({ country: FacetCounts, organisation: FacetCounts, theme: FacetCounts, language: FacetCounts }),
  /** The names of the organisations in the organisation facet, by id. */
  organisations: Type.Array(Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() })),
  processingTimeMs: Type.Integer()
});
export type PeopleDirectory = Static<typeof PeopleDirectorySchema>;

export const PhotoQuery = Type.Object(
  {
    v: Type.Optional(Type.String({ maxLength: 40 })),
    size: Type.Optional(Type.Union(personPhotoSizes.map((s) => Type.Literal(s)), { default: 128 }))
  },
  { additionalProperties: false }
);
