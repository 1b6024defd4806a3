import { Type, type Static } from '@sinclair/typebox';
import { IsoDate } from './common';

/**
 * Sections that domains contribute to pages they do not own: the signed-in home
 * (`/`) and a person's profile. A domain's module descriptor returns them
 * (`homeSections`, `profileSections` in apps/api/src/module.ts); the web writes
 * each section's heading from its key, in the reader's language, so every key
 * a domain may send is listed here.
 */
export const HOME_SECTION_KEYS = [
  // organisations and accounts
  'invitations',
  'joinRequestsToDecide',
  'myApplications',
  'myJoinRequests',
  'reviewQueue',
  'myOrganisations',
  'recentNotifications',
  'peopleWithMyThemes',
  // discussions
  'watchedThreads',
  'unansweredInMyThemes',
  'flaggedPosts',
  // events
  'myRegistrations',
  'eventsForMe',
  'eventsToPublish',
  // library
  'newResourcesInMyThemes',
  'resourcesToReview',
  'mySubmissions'
] as const;
export type HomeSectionKey = (typeof HOME_SECTION_KEYS)[number];

export const PROFILE_SECTION_KEYS = ['threads', 'acceptedAnswers', 'eventsHosted', 'eventsSpeaking', 'resources'] as const;
export type ProfileSectionKey = (typeof PROFILE_SECTION_KEYS)[number];

/** One line of a section: a record's own words (title, detail) and where it lives on the web. */
export const SectionItemSchema = Type.Object(
  {
    title: Type.String({ maxLength: 300, description: 'The record’s title or name, as its author wrote it.' }),
    href: Type.String({ pattern: '^/[^/]', maxLength: 500, description: 'The page that shows the record, a path on this hub.' }),
    detail: Type.Optional(Type.String({ maxLength: 300, description: 'A second line in the record’s own words (an organisation, a city).' })),
    at: Type.Optional(IsoDate),
    count: Type.Optional(Type.Integer({ minimum: 0, description: 'A number the section is about (unread replies, seats left, pending requests).' }))
  },
  { $id: 'SectionItem', additionalProperties: false }
);
export type SectionItem = Static<typeof SectionItemSchema>;

export const HomeSectionSchema = Type.Object(
  {
    key: Type.Union(HOME_SECTION_KEYS.map((key) => Type.Literal(key))),
    total: Type.Integer({ minimum: 0, description: 'How many there are in all; `items` holds the first few.' }),
    href: Type.Optional(Type.String({ pattern: '^/[^/]', maxLength: 500, description: 'The page listing all of them.' })),
    items: Type.Array(SectionItemSchema, { maxItems: 20 })
  },
  { $id: 'HomeSection', additionalProperties: false }
);
export type HomeSection = Static<typeof HomeSectionSchema>;

export const ProfileSectionSchema = Type.Object(
  {
    key: Type.Union(PROFILE_SECTION_KEYS.map((key) => Type.Literal(key))),
    total: Type.Integer({ minimum: 0 }),
    items: Type.Array(SectionItemSchema, { maxItems: 20 })
  },
  { $id: 'ProfileSection', additionalProperties: false }
);
export type ProfileSection = Static<typeof ProfileSectionSchema>;
