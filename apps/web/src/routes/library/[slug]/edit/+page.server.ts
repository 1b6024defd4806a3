import { error, fail, redirect } from '@sveltejs/kit';
import { RESOURCE_FILE_MAX_BYTES, api, isProblemCode } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { problemMessage } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { chosenFile, failResource, failResourceForm, isBodyTooLarge, loadResource, myPublishers, readResourceForm, uploadTo, valuesOf } from '../../library.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=/library/${encodeURIComponent(event.params.slug)}/edit`);
  const view = await loadResource(event, event.params.slug);
  if (!view.viewer.canEdit) error(403, 'forbidden');
  // A file refused right after the contribution was created (see /library/new).
  const refused = event.url.searchParams.get('refused');
  return {
    view,
    values: valuesOf(view),
    publishers: await myPublishers(event),
    maxBytes: RESOURCE_FILE_MAX_BYTES,
    refused: refused && isProblemCode(refused) ? problemMessage(refused) : null
  };
};

const fileFailure = (status: number, message: string) =>
  fail(status, { form: 'file', values: {}, code: 'invalid_file', message, fields: { file: message } } satisfies FormFailure);

export const actions: Actions = {
  details: async (event) => {
    const { values, body, invalid } = readResourceForm(await event.request.formData());
    if (Object.keys(invalid).length > 0) return failResourceForm(values, invalid);
    const result = await call(event, api.updateResource, { params: { slug: event.params.slug }, body });
    if (!result.ok) return failResource(result.status, result.problem, values, 'details');
    redirect(303, `/library/${event.params.slug}?saved=1`);
  },

  file: async (event) => {
    let data: FormData;
    try {
      data = await event.request.formData();
    } catch (err) {
      if (isBodyTooLarge(err)) return fileFailure(413, m.library_problem_file_too_large());
      throw err;
    }
    const file = chosenFile(data);
    if (!file) return fileFailure(400, m.library_file_required());
    const replaces = formText(data, 'replaces') || undefined;
    const result = await uploadTo(event, event.params.slug, file, replaces);
    if (!result.ok) return fileFailure(result.status, problemMessage(result.problem.code));
    return { form: 'file', done: 'file_added' };
  },

  removeFile: async (event) => {
    const data = await event.request.formData();
    const result = await call(event, api.removeResourceFile, { params: { slug: event.params.slug, fileId: formText(data, 'fileId') } });
    if (!result.ok) return failResource(result.status, result.problem, {}, 'file');
    return { form: 'file', done: 'file_removed' };
  }
};
