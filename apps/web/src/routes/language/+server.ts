import { redirect } from '@sveltejs/kit';
import { isLocale } from '@mutirao/shared/locales';
import { localPath } from '$lib/forms';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { malformedFormPage } from '$lib/server/form-body';
import { rememberLocale, rememberLocaleChosen } from '$lib/server/locale';
import type { RequestHandler } from './$types';

/**
 * The language switcher's form: remembers the choice in the cookie and, for a signed-in
 * person, in the account (so it follows them to other devices), then goes back.
 */
export const POST: RequestHandler = async (event) => {
  let data: FormData;
  try {
    data = await event.request.formData();
  } catch {
    // No, another or a broken body: an endpoint cannot show the app's error page, so it answers its own.
    return malformedFormPage(event.locals.locale);
  }
  const locale = formText(data, 'locale');
  if (isLocale(locale)) {
    rememberLocale(event.cookies, locale, event.url.protocol === 'https:');
    rememberLocaleChosen(event.cookies, event.url.protocol === 'https:');
    if (event.locals.user && event.locals.user.locale !== locale) {
      await call(event, api.updateMe, { body: { locale } });
    }
  }
  redirect(303, localPath(formText(data, 'next')));
};
