import { fail, redirect } from '@sveltejs/kit';
import { ORGANISATION_LOGO_MAX_BYTES, api } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { call } from '$lib/server/api';
import { failApplicationForm, failOrganisation, readApplicationForm } from '../organisations.server';
import { isBodyTooLarge, logoRefusal } from '../[slug]/edit/logo';
import { logoMessage } from '../[slug]/edit/logo-message';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/sign-in?next=/organisations/apply');
  // The browser checks the logo's size too, sparing a slow upload that would be refused.
  return { logoMaxBytes: ORGANISATION_LOGO_MAX_BYTES };
};

export const actions: Actions = {
  /**
   * The application, and its logo if one was chosen: the logo goes once the application
   * exists (it needs the organisation). A logo the hub refuses does not undo the
   * application; "My organisations" says why and where to add it.
   */
  default: async (event) => {
    let data: FormData;
    try {
      data = await event.request.formData();
    } catch (err) {
      if (!isBodyTooLarge(err)) throw err;
      const message = logoMessage('too_large', null);
      return fail(413, { values: {}, fields: { logo: message }, code: 'too_large', message } satisfies FormFailure);
    }
    const { values, body, invalid } = readApplicationForm(data);
    if (Object.keys(invalid).length > 0) return failApplicationForm(values, invalid);
    const result = await call(event, api.applyForOrganisation, { body });
    if (!result.ok) return failOrganisation(result.status, result.problem, values);

    const file = data.get('logo');
    // With no file chosen, browsers still send the field: an empty part without a name.
    if (file instanceof File && !(file.size === 0 && file.name === '')) {
      const upload = new FormData();
      upload.set('logo', file, file.name);
      const logo = await call(event, api.uploadOrganisationLogo, { params: { slug: result.data.organisation.slug }, body: upload });
      if (!logo.ok) {
        const refusal = logoRefusal(logo.problem, { name: file.name, type: file.type }) ?? 'unsupported';
        redirect(303, `/organisations/mine?applied=1&logo=${refusal}&file=${encodeURIComponent(file.name.slice(0, 200))}`);
      }
    }
    redirect(303, '/organisations/mine?applied=1');
  }
};
