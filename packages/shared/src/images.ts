/**
 * The sizes (px, square WebP) every uploaded logo is stored in. Its own module, with
 * nothing else in it, because the browser's bundle imports it (srcset).
 */
export const organisationLogoSizes = [64, 128, 256] as const;
export type OrganisationLogoSize = (typeof organisationLogoSizes)[number];
