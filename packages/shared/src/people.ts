/**
 * The people domain's fixed lists. Its own module, with nothing else in it,
 * because the browser's bundle imports it (the profile form, srcset).
 */

/**
 * The name a deleted account's row keeps (accounts.rights.service.ts), so that what the
 * person wrote stays attributed. The API sends it as stored; pages show their own
 * "former member" label in the reader's language instead (apps/web/src/lib/person.ts).
 */
export const FORMER_MEMBER_NAME = 'Ex-integrante';

/** Who may see a profile, chosen by its person. */
export const profileVisibilities = ['everyone', 'members', 'organisations'] as const;
export type ProfileVisibility = (typeof profileVisibilities)[number];

/**
 * Languages a practitioner may say they speak: the region's official ones and its
 * most spoken Indigenous and Creole languages first, then a few others often
 * used at work. ISO 639 codes, named by the browser's Intl.DisplayNames.
 */
export const spokenLanguages = [
  'es',
  'pt',
  'en',
  'fr',
  'ht',
  'qu',
  'gn',
  'ay',
  'nah',
  'arn',
  'pap',
  'nl',
  'de',
  'it'
] as const;
export type SpokenLanguage = (typeof spokenLanguages)[number];

/** The sizes (px, square WebP) every profile photo is stored in: 48 px cards and the 128 px profile, at 1× and 2×. */
export const personPhotoSizes = [96, 128, 256] as const;
export type PersonPhotoSize = (typeof personPhotoSizes)[number];

export const PERSON_PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const personPhotoTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;

export const PEOPLE_PAGE_SIZE = 20;
