import { activeSuspension } from '../../auth/suspension';
import { defineIndex } from '@mutirao/search';
import { locales } from '@mutirao/shared';
import { themeLabels } from '@mutirao/shared/taxonomy-labels';
import { photoUrlOf, type PersonDocument } from './people.mapper';
import * as repo from './people.repo';

export const PEOPLE_INDEX = 'people';

const countryNamers = locales.map((l) => new Intl.DisplayNames([l], { type: 'region' }));
const languageNamers = locales.map((l) => new Intl.DisplayNames([l], { type: 'language' }));

/** Every name of each code in the hub's three languages: "Brasil", "Brazil"; "portugués", "Portuguese". */
function namesIn(namers: Intl.DisplayNames[], codes: readonly string[]): string[] {
  const names = new Set<string>();
  for (const code of codes) for (const namer of namers) names.add(namer.of(code) ?? code);
  return [...names];
}

/** Theme labels in es, pt and en, as organisations index them, so "clima" and "rental" find people too. */
function themeNames(codes: readonly string[]): string[] {
  const names = new Set<string>();
  for (const code of codes) for (const locale of locales) names.add(themeLabels[code as keyof typeof themeLabels]?.[locale] ?? code);
  return [...names];
}

const sortKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();

/**
 * The people directory's index. Only verified people are documents: the loader
 * returns nothing for anyone else, so an unverified account never needs filtering
 * out at query time. Who may see each document is filtered per viewer
 * (`visibility`, `audienceOrganisations`; see people.directory.service.ts).
 */
/** See PersonDocument.suspendedUntil. */
function suspendedUntilOf(row: repo.PersonRow): number {
  const suspension = activeSuspension(row);
  if (!suspension) return 0;
  return suspension.until ? suspension.until.getTime() : Number.MAX_SAFE_INTEGER;
}

export const peopleIndex = defineIndex<PersonDocument>({
  name: PEOPLE_INDEX,
  primaryKey: 'id',
  settings: {
    // Order is rank: the name, then what they do and where, then the bio.
    searchableAttributes: ['name', 'headline', 'themeNames', 'organisationNames', 'countryNames', 'languageNames', 'bio'],
    filterableAttributes: ['id', 'countries', 'themes', 'languages', 'organisations', 'audienceOrganisations', 'visibility', 'suspendedUntil'],
    sortableAttributes: ['nameSort'],
    faceting: { maxValuesPerFacet: 300 },
    pagination: { maxTotalHits: 10_000 },
    typoTolerance: { enabled: true }
  },
  async load(db, ids) {
    const rows = (await repo.peopleByIds(db, ids)).filter((row) => row.emailVerifiedAt);
    const memberships = await repo.membershipsOf(
      db,
      rows.map((r) => r.id)
    );
    return rows.map((row): PersonDocument => {
      const p = row.profile;
      const mine = memberships.filter((m) => m.userId === row.id);
      const listed = mine.filter((m) => m.listed);
      return {
        id: row.id,
        name: row.name,
        nameSort: sortKey(row.name),
        headline: p?.headline ?? null,
        bio: p?.bioText ?? '',
        countries: p?.countries ?? [],
        countryNames: namesIn(countryNamers, p?.countries ?? []),
        themes: p?.themes ?? [],
        themeNames: themeNames(p?.themes ?? []),
        languages: p?.languages ?? [],
        languageNames: namesIn(languageNamers, p?.languages ?? []),
        organisations: listed.map((m) => m.organisationId),
        organisationNames: listed.map((m) => m.name),
        audienceOrganisations: mine.map((m) => m.organisationId),
        visibility: p?.visibility ?? 'members',
        photoUrl: photoUrlOf(row.id, p?.photoKey),
        suspendedUntil: suspendedUntilOf(row)
      };
    });
  },
  listIds: (db, { after, limit }) => repo.verifiedIdsAfter(db, after, limit)
});
