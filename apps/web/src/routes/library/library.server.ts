import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { api, type ApiProblem, type ResourceView } from '@mutirao/shared';
import type { FormFailure } from '$lib/forms';
import { fieldMessage, problemMessage } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';

const list = (data: FormData, name: string) => data.getAll(name).filter((v): v is string => typeof v === 'string' && v.trim() !== '');

/** The resource form's fields, as posted: the values to show again and the API body. */
export function readResourceForm(data: FormData) {
  const values = {
    title: formText(data, 'title'),
    summary: formText(data, 'summary'),
    type: formText(data, 'type'),
    themes: list(data, 'themes').join(','),
    countries: list(data, 'countries').join(','),
    regional: data.get('regional') ? 'on' : '',
    languages: list(data, 'languages').join(','),
    year: formText(data, 'year'),
    publishedOn: formText(data, 'publishedOn'),
    authors: formText(data, 'authors'),
    publisherOrganisation: formText(data, 'publisherOrganisation'),
    publisherName: formText(data, 'publisherName'),
    licence: formText(data, 'licence'),
    externalUrl: formText(data, 'externalUrl')
  };
  const year = values.year.trim();
  const invalid: Record<string, string> = /^\d{4}$/.test(year) ? {} : { year: m.field_invalid() };
  const body = {
    title: values.title.trim(),
    summary: values.summary.trim(),
    type: values.type,
    themes: list(data, 'themes'),
    countries: list(data, 'countries'),
    regional: values.regional === 'on',
    languages: list(data, 'languages'),
    year: Number(year) || 0,
    publishedOn: values.publishedOn.trim() || null,
    authors: values.authors
      .split(/\r?\n/)
      .map((a) => a.trim())
      .filter(Boolean),
    publisherOrganisation: values.publisherOrganisation || null,
    publisherName: values.publisherName.trim() || null,
    licence: values.licence,
    externalUrl: values.externalUrl.trim() || null
  };
  return { values, body, invalid };
}

/** The form's values from a saved resource, for the edit page. */
export function valuesOf(view: ResourceView): Record<string, string> {
  const r = view.resource;
  return {
    title: r.title,
    summary: r.summary,
    type: r.type,
    themes: r.themes.join(','),
    countries: r.countries.join(','),
    regional: r.regional ? 'on' : '',
    languages: r.languages.join(','),
    year: String(r.year),
    publishedOn: r.publishedOn ?? '',
    authors: r.authors.join('\n'),
    publisherOrganisation: r.publisher?.organisation?.slug ?? '',
    publisherName: r.publisher?.organisation ? '' : (r.publisher?.name ?? ''),
    licence: r.licence,
    externalUrl: r.externalUrl ?? ''
  };
}

/** A failed action from an API problem, with the messages next to the fields. */
export function failResource(status: number, problem: ApiProblem, values: Record<string, string> = {}, form?: string) {
  const fields: Record<string, string> = {};
  for (const issue of problem.fields ?? []) {
    const name = issue.field.replace(/^body\./, '').replace(/\/.*$/, '').replace(/\.\d+$/, '');
    fields[name] ??= issue.code === 'required' && name === 'countries' ? m.library_field_countries_required() : fieldMessage(name, issue.code);
  }
  const failure: FormFailure = { form, values, code: problem.code, message: problemMessage(problem.code), fields };
  return fail(status >= 400 && status <= 599 ? status : 500, failure);
}

export function failResourceForm(values: Record<string, string>, fields: Record<string, string>) {
  return fail(400, { values, fields, code: 'validation_failed', message: m.problem_validation_failed() } satisfies FormFailure);
}

/** The resource as this person may see it (404 when they may not). */
export async function loadResource(event: RequestEvent, slug: string): Promise<ResourceView> {
  const result = await call(event, api.getResource, { params: { slug } });
  if (!result.ok) error(result.status === 400 ? 404 : result.status, result.problem.code);
  return result.data;
}

/** The member organisations the person belongs to, to name one as publisher. */
export async function myPublishers(event: RequestEvent): Promise<Array<{ slug: string; name: string }>> {
  const result = await call(event, api.myOrganisations, {});
  if (!result.ok) return [];
  return result.data.memberships
    .filter((membership) => membership.organisation.status === 'approved')
    .map((membership) => ({ slug: membership.organisation.slug, name: membership.organisation.name }));
}

/** The chosen file of a form, or null when none was chosen (browsers still send an empty part). */
export function chosenFile(data: FormData, name = 'file'): File | null {
  const file = data.get(name);
  return file instanceof File && !(file.size === 0 && file.name === '') ? file : null;
}

/** Sends a file to the API, as the form chose it. */
export async function uploadTo(event: RequestEvent, slug: string, file: File, replaces?: string) {
  const upload = new FormData();
  upload.set('file', file, file.name);
  return call(event, api.uploadResourceFile, { params: { slug }, query: replaces ? { replaces } : {}, body: upload });
}

/** SvelteKit's own refusal of a body over BODY_SIZE_LIMIT, thrown while reading the form. */
export function isBodyTooLarge(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { status?: unknown }).status === 413) return true;
  }
  return false;
}
