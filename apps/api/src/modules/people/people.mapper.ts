import type { Person, PersonCard } from '@mutirao/shared/schemas/people';
import type { ProfileVisibility } from '@mutirao/shared/people';
import { orcidUrl } from './people.links';
import { photoVersion } from './people.photo';
import type { PersonMembership, PersonRow } from './people.repo';

export const photoUrlOf = (id: string, photoKey: string | null | undefined) =>
  photoKey ? `/api/people/${id}/photo?v=${photoVersion(photoKey)}` : null;

/**
 * The fields of a profile that leave the server. Never an email address; the bio's
 * Markdown only for its own person (the edit form); organisations only where the
 * membership is listed, as on the organisation's own page.
 */
export function toPerson(row: PersonRow, memberships: readonly PersonMembership[], options: { withSource: boolean }): Person {
  const p = row.profile;
  return {
    id: row.id,
    name: row.name,
    headline: p?.headline ?? null,
    bioSource: options.withSource ? (p?.bioSource ?? null) : null,
    bioHtml: p?.bioHtml ?? null,
    countries: p?.countries ?? [],
    languages: p?.languages ?? [],
    themes: p?.themes ?? [],
    organisations: memberships
      .filter((m) => m.userId === row.id && m.listed)
      .map((m) => ({ id: m.organisationId, slug: m.slug, name: m.name, role: m.role })),
    links: {
      website: p?.website ?? null,
      linkedin: p?.linkedin ?? null,
      orcid: p?.orcid ? orcidUrl(p.orcid) : null
    },
    photoUrl: photoUrlOf(row.id, p?.photoKey),
    visibility: (p?.visibility ?? 'members') satisfies ProfileVisibility,
    memberSince: row.createdAt.toISOString()
  };
}

/** One person in the directory's index. */
export type PersonDocument = {
  id: string;
  name: string;
  nameSort: string;
  headline: string | null;
  bio: string;
  countries: string[];
  countryNames: string[];
  themes: string[];
  themeNames: string[];
  languages: string[];
  languageNames: string[];
  /** Organisations where the membership is listed: the facet, and their names to search. */
  organisations: string[];
  organisationNames: string[];
  /**
   * Every member organisation the person belongs to, listed or not: only filtered on,
   * never retrieved or faceted, so "only my organisations" works without revealing
   * an unlisted membership.
   */
  audienceOrganisations: string[];
  visibility: ProfileVisibility;
  photoUrl: string | null;
  /**
   * While suspended, when the suspension ends in epoch milliseconds (MAX_SAFE_INTEGER: until
   * reinstated); 0 otherwise. Every directory query keeps out documents whose end is still
   * ahead, so the person is back at the end even if the expiry job is late.
   */
  suspendedUntil: number;
};

export const cardAttributes = ['id', 'name', 'headline', 'countries', 'themes', 'languages', 'photoUrl'] as const;

export function cardFromDocument(doc: Pick<PersonDocument, (typeof cardAttributes)[number]>): PersonCard {
  return {
    id: doc.id,
    name: doc.name,
    headline: doc.headline ?? null,
    countries: doc.countries ?? [],
    themes: doc.themes ?? [],
    languages: doc.languages ?? [],
    photoUrl: doc.photoUrl ?? null
  };
}
