import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** As typed by the person, for display. */
    email: text('email').notNull(),
    /** Lower-cased and trimmed: the identity used for sign-in and uniqueness. */
    emailNormalized: text('email_normalized').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['member', 'coordinator', 'admin'] }).notNull().default('member'),
    locale: text('locale', { enum: ['es', 'pt', 'en'] }).notNull().default('es'),
    country: text('country').notNull(),
    organisationName: text('organisation_name'),
    bio: text('bio'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('users_email_normalized_key').on(t.emailNormalized),
    check('users_role_check', sql`${t.role} in ('member', 'coordinator', 'admin')`),
    check('users_locale_check', sql`${t.locale} in ('es', 'pt', 'en')`),
    check('users_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`)
  ]
);

/**
 * Sessions after the Lucia design: the cookie carries `<id>.<secret>`; only the
 * SHA-256 of the secret is stored, compared in constant time.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
    /** Sliding expiry, pushed forward as the session is used. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Absolute limit: no session outlives this, however active. */
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip')
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)]
);

/** Single-use tokens sent by email (verification, password reset); only their hash is stored. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
    /** Optional path to continue to after the token is used. */
    next: text('next'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index('email_tokens_user_idx').on(t.userId, t.purpose),
    check('email_tokens_purpose_check', sql`${t.purpose} in ('verify_email', 'reset_password')`)
  ]
);

/**
 * Failed sign-ins per account, shared by every process: the source of the
 * per-account limit and of the growing delay after repeated failures.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    emailNormalized: text('email_normalized').notNull(),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('sign_in_failures_email_at_idx').on(t.emailNormalized, t.at)]
);
