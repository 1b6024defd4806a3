// The tiny module, not the package index: this runs in the browser.
import { FORMER_MEMBER_NAME, personPhotoSizes } from '@mutirao/shared/people';
import { m } from '$lib/paraglide/messages';

/**
 * A person's name as a page shows it: a deleted account keeps a fixed stored name, shown
 * as "former member" in the reader's language.
 */
export function personName(name: string): string {
  return name === FORMER_MEMBER_NAME ? m.pages_former_member() : name;
}

/** A person's photo at one of the sizes the API makes; `photoUrl` already carries the version (`?v=`). */
export function photoSrc(photoUrl: string, size: (typeof personPhotoSizes)[number]): string {
  return `${photoUrl}${photoUrl.includes('?') ? '&' : '?'}size=${size}`;
}

/** Every size, for `srcset`: with `sizes` set to the shown width, the browser picks by pixel density. */
export function photoSrcset(photoUrl: string): string {
  return personPhotoSizes.map((size) => `${photoSrc(photoUrl, size)} ${size}w`).join(', ');
}

/** "Ana Lucía Paredes" → "AP": the first letters of the first and last words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/**
 * One of eight colour classes for the initials, always the same for a person. Classes,
 * not inline styles: the pages' Content-Security-Policy allows no inline style.
 */
export function avatarTone(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 8;
}
