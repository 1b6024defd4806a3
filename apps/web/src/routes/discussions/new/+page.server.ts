import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { attachFormImage, failDiscussion, failImage, readTags } from '../discussions.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/discussions/new');
  const mine = await call(event, api.myOrganisations, {});
  const organisations = mine.ok
    ? mine.data.memberships.filter((m) => m.organisation.status === 'approved').map((m) => ({ slug: m.organisation.slug, name: m.organisation.name }))
    : [];
  return { organisations };
};

export const actions: Actions = {
  default: async (event) => {
    if (!event.locals.user) redirect(303, '/sign-in?next=/discussions/new');
    const data = await event.request.formData();
    const values = {
      kind: formText(data, 'kind'),
      title: formText(data, 'title'),
      body: formText(data, 'body'),
      theme: formText(data, 'theme'),
      tags: formText(data, 'tags'),
      countries: data.getAll('countries').filter((v): v is string => typeof v === 'string' && v !== '').join(','),
      language: formText(data, 'language'),
      organisation: formText(data, 'organisation')
    };
    const attached = await attachFormImage(event, data, values.body);
    if (!attached.ok) return failImage(attached, values, 'new');
    values.body = attached.body;
    const result = await call(event, api.createThread, {
      body: {
        kind: values.kind,
        title: values.title.trim(),
        body: values.body,
        theme: values.theme,
        tags: readTags(values.tags),
        countries: values.countries ? values.countries.split(',') : [],
        language: values.language,
        organisation: values.organisation || null
      }
    });
    if (!result.ok) return failDiscussion(result.status, result.problem, values, 'new');
    redirect(303, `/discussions/${result.data.thread.id}-${result.data.thread.slug}`);
  }
};
