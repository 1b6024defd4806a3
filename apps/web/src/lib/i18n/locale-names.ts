import type { Locale } from '@mutirao/shared/locales';
import { m } from '$lib/paraglide/messages';

/** Each language in its own name ("Português" for everyone), as language pickers should show it. */
export const localeNames: Record<Locale, () => string> = {
  es: m.locale_name_es,
  pt: m.locale_name_pt,
  en: m.locale_name_en
};
