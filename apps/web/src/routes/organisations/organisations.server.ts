import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { FormFailure } from '$lib/forms';
import { api, type ApiProblem, type OrganisationProfile } from '@mutirao/shared';
import { m } from '$lib/paraglide/messages';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { orgFailure } from './organisations';
import { normaliseWebsite } from './website';

/** The application form's fields, as posted: values to show again and the API body. */
export function readApplicationForm(data: FormData) {
  const countries = data.getAll('countries').filter((v): v is string => typeof v === 'string' && v !== '');
  const themes = data.getAll('themes').filter((v): v is string => typeof v === 'string' && v !== '');
  const values = {
    name: formText(data, 'name'),
    type: formText(data, 'type'),
    countries: countries.join(','),
    hqCity: formText(data, 'hqCity'),
    hqCountry: formText(data, 'hqCountry'),
    website: formText(data, 'website'),
    contactEmail: formText(data, 'contactEmail'),
    description: formText(data, 'description'),
    descriptionLocale: formText(data, 'descriptionLocale'),
    themes: themes.join(','),
    foundedYear: formText(data, 'foundedYear')
  };
  const year = values.foundedYear.trim();
  // Checked here: a year that is not a number cannot travel in the API's integer field.
  const invalid: Record<string, string> = /^\d*$/.test(year) ? {} : { foundedYear: m.field_invalid() };
  const body = {
    name: values.name.trim(),
    type: values.type,
    countries,
    hqCity: values.hqCity.trim(),
    hqCountry: values.hqCountry,
    website: normaliseWebsite(values.website),
    contactEmail: values.contactEmail.trim(),
    description: values.description.trim(),
    descriptionLocale: values.descriptionLocale,
    themes,
    foundedYear: year === '' || !/^\d+$/.test(year) ? null : Number(year)
  };
  return { values, body, invalid };
}

/** A failed action from an API problem, with the organisation pages' messages. */
export function failOrganisation(status: number, problem: ApiProblem, values: Record<string, string> = {}, form?: string) {
  return fail(status >= 400 && status <= 599 ? status : 500, orgFailure(problem, values, form));
}

/** The profile as this person may see it (404 when they may not); used by the profile, edit and manage pages. */
export async function loadProfile(event: RequestEvent, slug: string): Promise<OrganisationProfile> {
  const result = await call(event, api.getOrganisation, { params: { slug } });
  if (!result.ok) error(result.status === 400 ? 404 : result.status, result.problem.code);
  return result.data;
}

/** The application form refused before calling the API (a year that is not a number). */
export function failApplicationForm(values: Record<string, string>, fields: Record<string, string>) {
  return fail(400, { values, fields, code: 'validation_failed', message: m.problem_validation_failed() } satisfies FormFailure);
}
