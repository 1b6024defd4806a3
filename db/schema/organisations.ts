import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import { joinRequestStatuses, locales, organisationRoles, organisationStatuses, organisationTypes, themes } from '@mutirao/shared';
import { users } from './accounts';
import { sqlList } from './sql-list';



/**
 * Member organisations. An application is a row in `pending`; coordinators move
 * it to approved or rejected, and may suspend (and reinstate) an approved one.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The public address; fixed once the organisation is approved, whatever later renames. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /**
     * The name without case, accents or repeated spaces ("fundacion vivienda"),
     * computed in code: two approved organisations may not share it.
     */
    nameKey: text('name_key').notNull(),
    type: text('type', { enum: organisationTypes }).notNull(),
    /** ISO 3166-1 alpha-2 codes of the countries where it works. */
    countries: text('countries').array().notNull(),
    hqCity: text('hq_city').notNull(),
    hqCountry: text('hq_country').notNull(),
    website: text('website'),
    contactEmail: text('contact_email').notNull(),
    description: text('description').notNull(),
    descriptionLocale: text('description_locale', { enum: locales }).notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    foundedYear: integer('founded_year'),
    /** File name under uploads/logos; null when there is no logo. */
    logoKey: text('logo_key'),
    logoMime: text('logo_mime'),
    status: text('status', { enum: organisationStatuses }).notNull().default('pending'),
    /** Why it was rejected or suspended, as the coordinator wrote it. */
    statusReason: text('status_reason'),
    applicantId: uuid('applicant_id').references(() => users.id, { onDelete: 'set null' }),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** When it first became a member: "newest members" means newest approved. */
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('organisations_slug_key').on(t.slug),
    // Only a member organisation holds its name. A pending or suspended one does not, so that
    // applying cannot confirm a hidden organisation exists; coordinators see such clashes as
    // possible duplicates instead. A rejected application never holds it.
    uniqueIndex('organisations_approved_name_key').on(t.nameKey).where(sql`${t.status} = 'approved'`),
    index('organisations_name_key_idx').on(t.nameKey),
    index('organisations_status_created_idx').on(t.status, t.createdAt),
    index('organisations_status_approved_idx').on(t.status, t.approvedAt),
    index('organisations_applicant_idx').on(t.applicantId),
    check('organisations_slug_check', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('organisations_type_check', sql`${t.type} in (${sqlList(organisationTypes)})`),
    check('organisations_status_check', sql`${t.status} in (${sqlList(organisationStatuses)})`),
    check(
      'organisations_countries_check',
      sql`cardinality(${t.countries}) between 1 and 60 and array_to_string(${t.countries}, ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$'`
    ),
    check('organisations_hq_country_check', sql`${t.hqCountry} ~ '^[A-Z]{2}$'`),
    check('organisations_themes_check', sql`${t.themes} <@ array[${sqlList(themes)}]::text[]`),
    check('organisations_description_locale_check', sql`${t.descriptionLocale} in (${sqlList(locales)})`),
    check('organisations_founded_year_check', sql`${t.foundedYear} between 1800 and 2100`),
    check(
      'organisations_logo_check',
      sql`(${t.logoKey} is null) = (${t.logoMime} is null) and (${t.logoMime} is null or ${t.logoMime} in ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'))`
    )
  ]
);

/** Who acts for an organisation, and whether they appear on its public page. */
export const organisationMembers = pgTable(
  'organisation_members',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: organisationRoles }).notNull().default('member'),
    listed: boolean('listed').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    index('organisation_members_user_idx').on(t.userId),
    check('organisation_members_role_check', sql`${t.role} in (${sqlList(organisationRoles)})`)
  ]
);

/** A member asking to join an approved organisation; its admins decide. */
export const organisationJoinRequests = pgTable(
  'organisation_join_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text('message').notNull().default(''),
    status: text('status', { enum: joinRequestStatuses }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    // One open request per person per organisation; decided ones stay as history.
    uniqueIndex('organisation_join_requests_pending_key')
      .on(t.organisationId, t.userId)
      .where(sql`${t.status} = 'pending'`),
    index('organisation_join_requests_org_idx').on(t.organisationId, t.status, t.createdAt),
    check('organisation_join_requests_status_check', sql`${t.status} in (${sqlList(joinRequestStatuses)})`)
  ]
);

/**
 * An emailed invitation to join with a role. Only the SHA-256 of the link's token
 * is stored; the link works once and until `expires_at`.
 */
export const organisationInvitations = pgTable(
  'organisation_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    emailNormalized: text('email_normalized').notNull(),
    role: text('role', { enum: organisationRoles }).notNull().default('member'),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('organisation_invitations_token_hash_key').on(t.tokenHash),
    index('organisation_invitations_org_idx').on(t.organisationId, t.createdAt),
    check('organisation_invitations_role_check', sql`${t.role} in (${sqlList(organisationRoles)})`)
  ]
);

/** Every membership and status change: who did what, to whom, when. Written in the change's transaction. */
export const organisationAudit = pgTable(
  'organisation_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Null when the hub itself acted (the demo seed, a CLI). */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'set null' }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('organisation_audit_org_idx').on(t.organisationId, t.id)]
);
