import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { extractionStates, resourceFileKinds, resourceLicences, resourceStatuses, resourceTypes, themes } from '@mutirao/shared';
import { users } from './accounts';
import { organisations } from './organisations';
import { sqlList } from './sql-list';

/**
 * A resource of the library. Members contribute drafts and submit them;
 * coordinators approve (published), ask for changes (with a note) or reject.
 * Only a published resource is public or in the search index.
 */
export const resources = pgTable(
  'resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The permalink; fixed at creation. */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** The summary as written (Markdown), its sanitised HTML and its plain words (search, snippets). */
    summary: text('summary').notNull(),
    summaryHtml: text('summary_html').notNull(),
    summaryText: text('summary_text').notNull(),
    type: text('type', { enum: resourceTypes }).notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
    /** About the whole region rather than (or besides) named countries. */
    regional: boolean('regional').notNull().default(false),
    languages: text('languages').array().notNull(),
    year: integer('year').notNull(),
    publishedOn: date('published_on'),
    authors: text('authors').array().notNull().default(sql`'{}'::text[]`),
    /** An approved member organisation, or a free-text name, or neither. */
    publisherOrganisationId: uuid('publisher_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    publisherName: text('publisher_name'),
    licence: text('licence', { enum: resourceLicences }).notNull(),
    externalUrl: text('external_url'),
    /** Plain references to events and threads (those domains show them back). */
    relatedEventIds: uuid('related_event_ids').array().notNull().default(sql`'{}'::uuid[]`),
    relatedThreadIds: uuid('related_thread_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status', { enum: resourceStatuses }).notNull().default('draft'),
    reviewNote: text('review_note'),
    submitterId: uuid('submitter_id').references(() => users.id, { onDelete: 'set null' }),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The cover's storage key (a WebP), when one could be made. */
    coverKey: text('cover_key'),
    downloadCount: integer('download_count').notNull().default(0),
    viewCount: integer('view_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('resources_slug_key').on(t.slug),
    index('resources_status_published_idx').on(t.status, t.publishedAt),
    index('resources_status_submitted_idx').on(t.status, t.submittedAt),
    index('resources_submitter_idx').on(t.submitterId, t.updatedAt),
    index('resources_publisher_idx').on(t.publisherOrganisationId),
    check('resources_slug_check', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('resources_type_check', sql`${t.type} in (${sqlList(resourceTypes)})`),
    check('resources_status_check', sql`${t.status} in (${sqlList(resourceStatuses)})`),
    check('resources_licence_check', sql`${t.licence} in (${sqlList(resourceLicences)})`),
    check('resources_themes_check', sql`${t.themes} <@ array[${sqlList(themes)}]::text[]`),
    check(
      'resources_countries_check',
      sql`cardinality(${t.countries}) <= 30 and (cardinality(${t.countries}) = 0 or array_to_string(${t.countries}, ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$')`
    ),
    check('resources_where_check', sql`${t.regional} or cardinality(${t.countries}) > 0`),
    check(
      'resources_languages_check',
      sql`cardinality(${t.languages}) between 1 and 6 and array_to_string(${t.languages}, ',') ~ '^[a-z]{2}(,[a-z]{2})*$'`
    ),
    check('resources_year_check', sql`${t.year} between 1900 and 2100`),
    check('resources_counts_check', sql`${t.downloadCount} >= 0 and ${t.viewCount} >= 0`),
    // A note goes with the two decisions that need one, and only with them.
    check(
      'resources_note_check',
      sql`(${t.status} in ('changes_requested', 'rejected')) = (${t.reviewNote} is not null)`
    ),
    check('resources_published_at_check', sql`${t.status} <> 'published' or ${t.publishedAt} is not null`)
  ]
);

/**
 * A file of a resource. Replacing a file adds a row with the next version and marks the
 * earlier one superseded; superseded files are kept (and still downloadable).
 */
export const resourceFiles = pgTable(
  'resource_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    /** Versions of one file share a lineage id (the first version's id). */
    lineageId: uuid('lineage_id').notNull(),
    version: integer('version').notNull().default(1),
    storageKey: text('storage_key').notNull(),
    filename: text('filename').notNull(),
    kind: text('kind', { enum: resourceFileKinds }).notNull(),
    mediaType: text('media_type').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    extraction: text('extraction', { enum: extractionStates }).notNull().default('none'),
    extractedText: text('extracted_text'),
    extractionError: text('extraction_error'),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp('superseded_at', { withTimezone: true })
  },
  (t) => [
    index('resource_files_resource_idx').on(t.resourceId, t.createdAt),
    uniqueIndex('resource_files_storage_key').on(t.storageKey),
    // One current version per lineage.
    uniqueIndex('resource_files_current_key').on(t.lineageId).where(sql`${t.supersededAt} is null`),
    uniqueIndex('resource_files_version_key').on(t.lineageId, t.version),
    check('resource_files_kind_check', sql`${t.kind} in (${sqlList(resourceFileKinds)})`),
    check('resource_files_extraction_check', sql`${t.extraction} in (${sqlList(extractionStates)})`),
    check('resource_files_bytes_check', sql`${t.bytes} >= 0 and ${t.bytes} <= 52428800`),
    check('resource_files_version_check', sql`${t.version} >= 1`)
  ]
);
