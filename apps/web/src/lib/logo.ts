// The tiny module, not the package index: this runs in the browser.
import { organisationLogoSizes } from '@mutirao/shared/images';

/**
 * An organisation's logo at one of the sizes the API makes (square WebP, 64,
 * 128 and 256 px). `logoUrl` from the API already carries the version (`?v=`).
 */
export function logoSrc(logoUrl: string, size: (typeof organisationLogoSizes)[number]): string {
  return `${logoUrl}${logoUrl.includes('?') ? '&' : '?'}size=${size}`;
}

/** Every size, for `srcset`: with `sizes` set to the shown width, the browser picks by pixel density. */
export function logoSrcset(logoUrl: string): string {
  return organisationLogoSizes.map((size) => `${logoSrc(logoUrl, size)} ${size}w`).join(', ');
}
