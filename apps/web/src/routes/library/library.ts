import type { Locale, ResourceStatus } from '@mutirao/shared';
import { m } from '$lib/paraglide/messages';
import { numberFormat } from '$lib/i18n/intl-cache';

const languageNamers = new Map<string, Intl.DisplayNames>();
/** "pt" → "portugués" in the reader's language. */
export function languageName(code: string, locale: Locale): string {
  let namer = languageNamers.get(locale);
  if (!namer) languageNamers.set(locale, (namer = new Intl.DisplayNames([locale], { type: 'language' })));
  try {
    return namer.of(code) ?? code;
  } catch {
    return code;
  }
}

export function statusLabel(status: ResourceStatus): string {
  switch (status) {
    case 'draft':
      return m.library_status_draft();
    case 'pending':
      return m.library_status_pending();
    case 'changes_requested':
      return m.library_status_changes_requested();
    case 'published':
      return m.library_status_published();
    case 'rejected':
      return m.library_status_rejected();
  }
}

export function licenceLabel(licence: string): string {
  switch (licence) {
    case 'all-rights-reserved':
      return m.library_licence_all_rights();
    case 'public-domain':
      return m.library_licence_public_domain();
    case 'other':
      return m.library_licence_other();
    default:
      return licence.toUpperCase().replace(/-(\d)/, ' $1');
  }
}

/** "1.2 MB" */
export function fileSize(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${numberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
