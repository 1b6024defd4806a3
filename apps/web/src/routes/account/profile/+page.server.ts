import { fail, redirect } from '@sveltejs/kit';
import { PERSON_PHOTO_MAX_BYTES } from '@mutirao/shared/people';
import { api, type ApiProblem } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { fieldMessage, problemMessage } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/account/profile');
  const result = await call(event, api.getMyProfile, {});
  if (!result.ok) redirect(303, '/sign-in?next=/account/profile');
  return { person: result.data.person, photoMaxBytes: PERSON_PHOTO_MAX_BYTES };
};

/** The words people read for a refused link; other fields get the shared field messages. */
function profileFieldMessage(field: string, code: string): string {
  if (field === 'website' && code === 'format') return m.people_error_website();
  if (field === 'linkedin') return m.people_error_linkedin();
  if (field === 'orcid') return m.people_error_orcid();
  return fieldMessage(field, code);
}

function failProfile(status: number, problem: ApiProblem, values: Record<string, string>, form: string) {
  const fields: Record<string, string> = {};
  for (const issue of problem.fields ?? []) {
    // `body.countries.3` is about the countries list.
    const name = issue.field.replace(/^body\./, '').split('.')[0];
    fields[name] ??= profileFieldMessage(name, issue.code);
  }
  const failure: FormFailure = { form, values, code: problem.code, message: problemMessage(problem.code), fields };
  return fail(status >= 400 && status <= 599 ? status : 500, failure);
}

const photoFailure = (status: number, message: string) =>
  fail(status, { form: 'photo', values: {}, code: 'invalid_photo', message, fields: { photo: message } } satisfies FormFailure);

export const actions: Actions = {
  details: async (event) => {
    const data = await event.request.formData();
    const list = (name: string) => data.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
    const body = {
      name: formText(data, 'name'),
      headline: formText(data, 'headline'),
      bio: formText(data, 'bio'),
      countries: list('countries'),
      languages: list('languages'),
      themes: list('themes'),
      website: formText(data, 'website'),
      linkedin: formText(data, 'linkedin'),
      orcid: formText(data, 'orcid'),
      visibility: formText(data, 'visibility')
    };
    // Shown again as typed when something is refused.
    const values = { ...body, countries: body.countries.join(','), languages: body.languages.join(','), themes: body.themes.join(',') };
    const result = await call(event, api.updateMyProfile, { body });
    if (!result.ok) return failProfile(result.status, result.problem, values, 'details');
    return { form: 'details', done: 'saved' };
  },

  photo: async (event) => {
    let posted: FormData;
    try {
      posted = await event.request.formData();
    } catch (err) {
      // Bodies over BODY_SIZE_LIMIT (apps/api/src/server.ts) never reach the API.
      if ((err as { status?: number }).status === 413) return photoFailure(413, problemMessage('photo_too_large'));
      throw err;
    }
    const file = posted.get('photo');
    // With no file chosen, browsers still send the field: an empty part without a name.
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) return photoFailure(400, m.people_photo_error_required());
    const upload = new FormData();
    upload.set('photo', file, file.name);
    const result = await call(event, api.uploadMyPhoto, { body: upload });
    if (!result.ok) {
      const message = result.problem.code === 'validation_failed' ? m.people_photo_error_required() : problemMessage(result.problem.code);
      return photoFailure(result.status, message);
    }
    return { form: 'photo', done: 'photo_saved' };
  },

  removePhoto: async (event) => {
    const result = await call(event, api.removeMyPhoto, {});
    if (!result.ok) return photoFailure(result.status, problemMessage(result.problem.code));
    return { form: 'photo', done: 'photo_removed' };
  }
};
