import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { locales, roles } from '@mutirao/shared';
import { sqlList } from './sql-list';

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
    role: text('role', { enum: roles }).notNull().default('member'),
    locale: text('locale', { enum: locales }).notNull().default('es'),
    country: text('country').notNull(),
    organisationName: text('organisation_name'),
    bio: text('bio'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /**
     * Set when the owner deleted the account: the row stays (others' records point at
     * it, shown as a former member) but every personal field is erased.
     */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /**
     * The current suspension, copied from `account_suspensions` so the session check (one
     * joined row per request) needs no other table: set while suspended, `suspended_until`
     * null meaning until reinstated. A suspension past its end counts as over even before
     * the expiry job clears these.
     */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
    suspensionReason: text('suspension_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('users_email_normalized_key').on(t.emailNormalized),
    check('users_role_check', sql`${t.role} in (${sqlList(roles)})`),
    check('users_locale_check', sql`${t.locale} in (${sqlList(locales)})`),
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
 * Password guesses per account (sign-in and password change), shared by every
 * process. An attempt is counted (one atomic upsert) before the password is
 * verified, so parallel guesses cannot all slip under the limit. The window is
 * fixed: one minute from its first attempt.
 */
export const passwordAttempts = pgTable(
  'password_attempts',
  {
    emailNormalized: text('email_normalized').primaryKey(),
    attempts: integer('attempts').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull()
  },
  (t) => [index('password_attempts_window_idx').on(t.windowStartedAt)]
);

export const accountMailKinds = ['verify', 'reset', 'already_registered'] as const;
export type AccountMailKind = (typeof accountMailKinds)[number];

/**
 * When mail of each kind last went to an address (the newest five times), so a
 * flood of requests cannot fill someone's inbox: at most one per five minutes and
 * five a day per address and kind.
 */
export const accountMailSends = pgTable(
  'account_mail_sends',
  {
    emailNormalized: text('email_normalized').notNull(),
    kind: text('kind', { enum: accountMailKinds }).notNull(),
    /** Oldest first; never more than five. */
    sentAt: timestamp('sent_at', { withTimezone: true }).array().notNull()
  },
  (t) => [
    primaryKey({ columns: [t.emailNormalized, t.kind] }),
    check('account_mail_sends_kind_check', sql`${t.kind} in ('verify', 'reset', 'already_registered')`)
  ]
);

/**
 * A new address the owner asked to move to. It takes effect only when the link
 * mailed to it is opened (only the SHA-256 of that link's token is kept); until
 * then the account keeps its old address. Asking again replaces the pending one.
 */
export const emailChanges = pgTable(
  'email_changes',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    newEmail: text('new_email').notNull(),
    newEmailNormalized: text('new_email_normalized').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [uniqueIndex('email_changes_token_hash_key').on(t.tokenHash)]
);

export const accountAuditActions = ['email_changed', 'data_exported', 'account_deleted'] as const;
export type AccountAuditAction = (typeof accountAuditActions)[number];

/**
 * What owners did with their rights over their data. Deliberately holds no
 * personal data (no address, no name): the account's id (which names nobody
 * once the account is erased), what happened and when.
 */
export const accountAudit = pgTable(
  'account_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action', { enum: accountAuditActions }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index('account_audit_user_idx').on(t.userId, t.id),
    check('account_audit_action_check', sql`${t.action} in (${sqlList(accountAuditActions)})`)
  ]
);

/**
 * Every suspension of an account, kept as its history and audit trail: who suspended whom,
 * why, from when until when (null: until reinstated), and who reinstated it early. A
 * suspension replaced by a new one is marked lifted by the person who replaced it.
 */
export const accountSuspensions = pgTable(
  'account_suspensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    suspendedBy: uuid('suspended_by').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by').references(() => users.id, { onDelete: 'set null' })
  },
  (t) => [index('account_suspensions_user_idx').on(t.userId, t.startsAt)]
);
