import { fail, redirect } from '@sveltejs/kit';
import { localPath, type FormFailure } from '$lib/forms';
import { formatDateTime } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import { localeChosenThisVisit, localeCookieName } from '$lib/server/locale';
import { localeToSaveAtSignIn } from '$lib/i18n/locale-choice';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const next = localPath(url.searchParams.get('next'), '');
  if (locals.user) redirect(303, next || '/');
  return {
    next,
    verified: url.searchParams.has('verified'),
    passwordReset: url.searchParams.has('reset')
  };
};

export const actions: Actions = {
  signIn: async (event) => {
    const data = await event.request.formData();
    const values = { email: formText(data, 'email').trim(), next: localPath(formText(data, 'next'), '') };
    // A language picked with the switcher in this visit is saved to the account, so the
    // interface does not switch to the account's older choice on signing in.
    const locale = localeToSaveAtSignIn(event.cookies.get(localeCookieName), localeChosenThisVisit(event.cookies));
    const result = await call(event, api.signIn, {
      body: { email: values.email, password: formText(data, 'password'), ...(locale && { locale }) }
    });
    if (!result.ok) {
      // Suspended: say until when and why, the date in the reader's language and time zone.
      const suspension = result.problem.code === 'account_suspended' ? result.problem.suspension : undefined;
      if (suspension) {
        const message = suspension.until
          ? m.susp_sign_in_until({ date: formatDateTime(suspension.until, event.locals.locale, event.locals.timeZone), reason: suspension.reason })
          : m.susp_sign_in_indefinite({ reason: suspension.reason });
        const failure: FormFailure = { form: 'signIn', values, code: result.problem.code, message, fields: {} };
        return fail(403, failure);
      }
      return failFromProblem(result.status, result.problem, values, 'signIn');
    }
    // The session cookie came with the API's answer and is already on this response.
    redirect(303, values.next || '/');
  },
  resend: async (event) => {
    const data = await event.request.formData();
    const email = formText(data, 'email').trim();
    const result = await call(event, api.resendVerification, { body: { email } });
    if (!result.ok) return failFromProblem(result.status, result.problem, { email }, 'resend');
    return { resent: true, email };
  }
};
