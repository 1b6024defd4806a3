import type { HandleClientError } from '@sveltejs/kit';
import { baseLocale, isLocale } from '@mutirao/shared/locales';
import { overwriteGetLocale } from '$lib/paraglide/runtime';

// The server chose the language of this document (account, cookie, browser) and wrote it
// into <html lang>; the browser renders in the same language, whatever the cookie says now.
overwriteGetLocale(() => {
  const lang = document.documentElement.lang;
  return isLocale(lang) ? lang : baseLocale;
});

export const handleError: HandleClientError = ({ status }) => ({
  message: status === 404 ? 'not_found' : 'internal_error'
});
