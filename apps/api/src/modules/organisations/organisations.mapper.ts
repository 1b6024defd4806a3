import type {
  AuditEntry,
  Invitation,
  JoinRequest,
  Organisation,
  OrganisationCard,
  StaffMember
} from '@mutirao/shared';
import { OrganisationCardSchema } from '@mutirao/shared';
import type { InvitationRow, JoinRequestRow, MemberRow, OrganisationRow } from './organisations.repo';

/** The logo's address; the version in the query changes with the file, so it may be cached long. */
export function logoUrl(row: Pick<OrganisationRow, 'slug' | 'logoKey'>): string | null {
  if (!row.logoKey) return null;
  const version = row.logoKey.replace(/\.[a-z]+$/, '').split('-').pop();
  return `/api/organisations/${row.slug}/logo?v=${version}`;
}

/**
 * The fields that leave the server. The status reason is for the people who can
 * act on it: `withReason` is set only for its staff, its applicant and coordinators.
 */
export function toOrganisation(row: OrganisationRow, options: { withReason: boolean }): Organisation {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    type: row.type,
    countries: row.countries,
    hqCity: row.hqCity,
    hqCountry: row.hqCountry,
    website: row.website,
    contactEmail: row.contactEmail,
    description: row.description,
    descriptionLocale: row.descriptionLocale,
    themes: row.themes,
    foundedYear: row.foundedYear,
    logoUrl: logoUrl(row),
    status: row.status,
    statusReason: options.withReason ? row.statusReason : null,
    createdAt: row.createdAt.toISOString(),
    approvedAt: row.approvedAt?.toISOString() ?? null
  };
}

/** The card's fields, from its schema: the card, the search document and the card read back from a hit share them. */
export const cardKeys = Object.keys(OrganisationCardSchema.properties) as Array<keyof OrganisationCard>;
function pickCard(source: Record<keyof OrganisationCard, unknown>): OrganisationCard {
  return Object.fromEntries(cardKeys.map((key) => [key, source[key]])) as OrganisationCard;
}

/** The short form (directory, home page, lists): the public profile's fields the card schema names. */
export function toOrganisationCard(row: OrganisationRow): OrganisationCard {
  return pickCard(toOrganisation(row, { withReason: false }));
}

/**
 * A document of the `organisations` search index: the card, plus what search needs
 * (the name's comparable key for sorting, countries by name in every language), with
 * `approvedAt` as milliseconds so it sorts.
 */
export type OrganisationDocument = Omit<OrganisationCard, 'approvedAt'> & {
  approvedAt: number;
  /** The name's comparable key: sorting by it puts "Ávila" with the A's. */
  nameSort: string;
  countryNames: string[];
  /** The themes' and the type's labels in es, pt and en, so a search for a label finds them. */
  themeNames: string[];
  typeNames: string[];
};

export function toDocument(
  row: OrganisationRow,
  search: { nameSort: string; countryNames: string[]; themeNames: string[]; typeNames: string[] }
): OrganisationDocument {
  return { ...toOrganisationCard(row), ...search, approvedAt: (row.approvedAt ?? row.createdAt).getTime() };
}

export function cardFromDocument(doc: OrganisationDocument): OrganisationCard {
  return pickCard({ ...doc, approvedAt: new Date(doc.approvedAt).toISOString() });
}

export function toStaffMember(
  member: MemberRow,
  user: { id: string; name: string; email: string; country: string },
  options: { withEmail: boolean; profileVisible: boolean }
): StaffMember {
  return {
    userId: user.id,
    name: user.name,
    country: user.country,
    role: member.role,
    listed: member.listed,
    email: options.withEmail ? user.email : null,
    profileVisible: options.profileVisible,
    joinedAt: member.createdAt.toISOString()
  };
}

export function toJoinRequest(row: JoinRequestRow, user: { id: string; name: string; country: string }): JoinRequest {
  return {
    id: row.id,
    organisationId: row.organisationId,
    user,
    message: row.message,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null
  };
}

export function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.emailNormalized,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString()
  };
}

/** `maria.souza@example.org` → `m***a@example.org`: enough to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? `${local[0]}***` : `${local[0]}***${local[local.length - 1]}`;
  return `${shown}${email.slice(at)}`;
}

export function toAuditEntry(row: {
  entry: { id: number; action: string; details: Record<string, unknown>; at: Date };
  actor: { id: string; name: string } | null;
  subject: { id: string; name: string } | null;
}): AuditEntry {
  return {
    id: row.entry.id,
    action: row.entry.action,
    actor: row.actor,
    subject: row.subject,
    details: row.entry.details,
    at: row.entry.at.toISOString()
  };
}
