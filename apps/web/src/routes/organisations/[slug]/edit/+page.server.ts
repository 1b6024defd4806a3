import { error, fail, redirect } from '@sveltejs/kit';
import { ORGANISATION_LOGO_MAX_BYTES, api } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { problemMessage } from '$lib/i18n/problems';
import { call } from '$lib/server/api';
import { failApplicationForm, failOrganisation, loadProfile, readApplicationForm } from '../../organisations.server';
import { isBodyTooLarge, logoRefusal, type ChosenFile, type LogoRefusal } from './logo';
import { logoMessage } from './logo-message';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=/organisations/${encodeURIComponent(event.params.slug)}/edit`);
  const profile = await loadProfile(event, event.params.slug);
  if (!profile.viewer.canEdit) error(403, 'forbidden');
  // The browser checks the size too, sparing a slow upload that would be refused.
  return { organisation: profile.organisation, logoMaxBytes: ORGANISATION_LOGO_MAX_BYTES };
};

/** A refused logo: the message sits next to the file field, not above the page. */
function failLogo(status: number, refusal: LogoRefusal, file: ChosenFile | null) {
  const message = logoMessage(refusal, file);
  const failure: FormFailure = { form: 'logo', values: {}, code: refusal, message, fields: { logo: message } };
  return fail(status, failure);
}

export const actions: Actions = {
  details: async (event) => {
    const { values, body, invalid } = readApplicationForm(await event.request.formData());
    if (Object.keys(invalid).length > 0) return failApplicationForm(values, invalid);
    const result = await call(event, api.updateOrganisation, { params: { slug: event.params.slug }, body });
    if (!result.ok) return failOrganisation(result.status, result.problem, values);
    // The slug may follow a new name while the application is pending.
    redirect(303, `/organisations/${result.data.organisation.slug}?saved=1`);
  },

  logo: async (event) => {
    let posted: FormData;
    try {
      posted = await event.request.formData();
    } catch (err) {
      // Bodies over BODY_SIZE_LIMIT (set in apps/api/src/server.ts) never reach the API.
      if (isBodyTooLarge(err)) return failLogo(413, 'too_large', null);
      throw err;
    }
    const file = posted.get('logo');
    // With no file chosen, browsers still send the field: an empty part without a name.
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) return failLogo(400, 'required', null);
    const chosen = { name: file.name, type: file.type };

    const upload = new FormData();
    upload.set('logo', file, file.name);
    // The API checks the person may edit before it reads the file.
    const result = await call(event, api.uploadOrganisationLogo, { params: { slug: event.params.slug }, body: upload });
    if (!result.ok) {
      const refusal = logoRefusal(result.problem, chosen);
      if (refusal) return failLogo(result.status, refusal, chosen);
      return fail(result.status, { form: 'logo', values: {}, code: result.problem.code, message: problemMessage(result.problem.code), fields: {} } satisfies FormFailure);
    }
    return { form: 'logo', done: 'logo_saved' };
  },

  removeLogo: async (event) => {
    const result = await call(event, api.removeOrganisationLogo, { params: { slug: event.params.slug } });
    if (!result.ok) return failOrganisation(result.status, result.problem, {}, 'logo');
    return { form: 'logo', done: 'logo_removed' };
  }
};
