import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { failResource, loadResource } from '../library.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // Reloaded when `resource:<id>` carries news (a decision, an edit, a new file).
  event.depends('app:resource');
  const view = await loadResource(event, event.params.slug);
  // The citation box: BibTeX shown at once, the other formats a link away.
  const bibtex = await call(event, api.citeResource, { params: { slug: event.params.slug }, query: { format: 'bibtex' } });
  return {
    view,
    bibtex: bibtex.ok ? String(bibtex.data) : '',
    notice: event.url.searchParams.has('submitted') ? 'submitted' : event.url.searchParams.has('saved') ? 'saved' : null
  };
};

const note = (data: FormData) => formText(data, 'note').trim();

export const actions: Actions = {
  submit: async (event) => {
    const result = await call(event, api.submitResource, { params: { slug: event.params.slug } });
    if (!result.ok) return failResource(result.status, result.problem, {}, 'submit');
    return { form: 'submit', done: 'submitted' };
  },
  publish: async (event) => {
    const result = await call(event, api.publishResource, { params: { slug: event.params.slug } });
    if (!result.ok) return failResource(result.status, result.problem, {}, 'review');
    return { form: 'review', done: 'published' };
  },
  requestChanges: async (event) => {
    const data = await event.request.formData();
    const result = await call(event, api.requestResourceChanges, { params: { slug: event.params.slug }, body: { note: note(data) } });
    if (!result.ok) return failResource(result.status, result.problem, { note: note(data) }, 'review');
    return { form: 'review', done: 'changes_requested' };
  },
  reject: async (event) => {
    const data = await event.request.formData();
    const result = await call(event, api.rejectResource, { params: { slug: event.params.slug }, body: { note: note(data) } });
    if (!result.ok) return failResource(result.status, result.problem, { note: note(data) }, 'review');
    return { form: 'review', done: 'rejected' };
  },
  delete: async (event) => {
    const result = await call(event, api.deleteResource, { params: { slug: event.params.slug } });
    if (!result.ok) return failResource(result.status, result.problem, {}, 'delete');
    redirect(303, '/library/mine?deleted=1');
  }
};
