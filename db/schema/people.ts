import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { themes } from '@mutirao/shared';
import { profileVisibilities, spokenLanguages } from '@mutirao/shared/people';
import { users } from './accounts';
import { sqlList } from './sql-list';

/**
 * A person's public face, beside their account (`users` keeps the name, country of
 * sign-up and the date they joined). One row per person, created the first time they
 * save their profile; a person without a row has an empty profile seen by members.
 */
export const peopleProfiles = pgTable(
  'people_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** "Housing policy researcher at …", as the person wrote it. */
    headline: text('headline'),
    /** The bio as written (Markdown) and as shown (sanitised HTML from renderMarkdown). */
    bioSource: text('bio_source'),
    bioHtml: text('bio_html'),
    /** Plain text of the bio, for search and excerpts. */
    bioText: text('bio_text'),
    /** ISO 3166-1 alpha-2 codes of the countries where they work. */
    countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    website: text('website'),
    linkedin: text('linkedin'),
    orcid: text('orcid'),
    visibility: text('visibility', { enum: profileVisibilities }).notNull().default('members'),
    /** Folder of the photo's sizes under uploads/photos (`<user id>-<random>`); null when there is none. */
    photoKey: text('photo_key'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index('people_profiles_visibility_idx').on(t.visibility),
    check('people_profiles_visibility_check', sql`${t.visibility} in (${sqlList(profileVisibilities)})`),
    check(
      'people_profiles_countries_check',
      sql`cardinality(${t.countries}) <= 60 and (cardinality(${t.countries}) = 0 or array_to_string(${t.countries}, ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$')`
    ),
    check('people_profiles_languages_check', sql`${t.languages} <@ array[${sqlList(spokenLanguages)}]::text[]`),
    check('people_profiles_themes_check', sql`${t.themes} <@ array[${sqlList(themes)}]::text[]`),
    check('people_profiles_orcid_check', sql`${t.orcid} ~ '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$'`),
    check('people_profiles_linkedin_check', sql`${t.linkedin} ~ '^https://([a-z]{2,3}\\.)?linkedin\\.com/'`),
    check('people_profiles_photo_key_check', sql`${t.photoKey} ~ '^[0-9a-f-]{36}-[0-9a-f]{12}$'`)
  ]
);
