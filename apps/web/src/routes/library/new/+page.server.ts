import { fail, redirect } from '@sveltejs/kit';
import { RESOURCE_FILE_MAX_BYTES, api } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { call } from '$lib/server/api';
import { chosenFile, failResource, failResourceForm, isBodyTooLarge, myPublishers, readResourceForm, uploadTo } from '../library.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/library/new');
  return { publishers: await myPublishers(event), maxBytes: RESOURCE_FILE_MAX_BYTES };
};

export const actions: Actions = {
  default: async (event) => {
    let data: FormData;
    try {
      data = await event.request.formData();
    } catch (err) {
      // Bodies over BODY_SIZE_LIMIT (apps/api/src/server.ts) never reach the API.
      if (isBodyTooLarge(err)) {
        return fail(413, { values: {}, fields: { file: m.library_problem_file_too_large() }, code: 'file_too_large', message: m.library_problem_file_too_large() } satisfies FormFailure);
      }
      throw err;
    }
    const { values, body, invalid } = readResourceForm(data);
    if (Object.keys(invalid).length > 0) return failResourceForm(values, invalid);
    const created = await call(event, api.createResource, { body });
    if (!created.ok) return failResource(created.status, created.problem, values);
    const slug = created.data.resource.slug;
    const file = chosenFile(data);
    if (file) {
      const uploaded = await uploadTo(event, slug, file);
      // The draft exists: its edit page says why the file was refused and takes another.
      if (!uploaded.ok) redirect(303, `/library/${slug}/edit?refused=${uploaded.problem.code}`);
    }
    if (data.get('intent') === 'submit') {
      const submitted = await call(event, api.submitResource, { params: { slug } });
      if (!submitted.ok) redirect(303, `/library/${slug}`);
      redirect(303, `/library/${slug}?submitted=1`);
    }
    redirect(303, `/library/${slug}?saved=1`);
  }
};
