/**
 * The comparable form of an organisation's name: no accents, no case, single
 * spaces. "Fundación  Vivienda" and "fundacion vivienda" share it, so the
 * database's unique index on it refuses the second application.
 */
export function organisationNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Paths under /organisations that are pages of their own, so no organisation may take them. */
const reservedSlugs = new Set(['new', 'newest', 'apply', 'mine', 'admin', 'search', 'invitations']);
const MAX_SLUG = 80;

/** "Fundación Vivienda Digna (FVD)" → "fundacion-vivienda-digna-fvd". */
export function slugBase(name: string): string {
  const base = organisationNameKey(name)
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, '');
  if (!base) return 'organisation';
  return reservedSlugs.has(base) ? `${base}-org` : base;
}

/** The base itself when free, else the first free `base-2`, `base-3`… */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * The partial unique index that lets only one member (approved) organisation hold a
 * name key: what two concurrent applications, renames or approvals run into.
 */
export const APPROVED_NAME_INDEX = 'organisations_approved_name_key';
