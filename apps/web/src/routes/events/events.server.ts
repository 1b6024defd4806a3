import type { EventCreateInput, Event as HubEvent } from '@mutirao/shared';
import { isTimeZone, localOf, zonedToInstant } from '@mutirao/shared/zoned-time';
import { formText } from '$lib/server/forms';
import { error, type RequestEvent } from '@sveltejs/kit';
import { api, type EventPage } from '@mutirao/shared';
import { call } from '$lib/server/api';

/** The event as this person may see it (404 when they may not). */
export async function loadEvent(event: RequestEvent, id: string): Promise<EventPage> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) error(404, 'not_found');
  const result = await call(event, api.getEvent, { params: { id } });
  if (!result.ok) error(result.status === 400 ? 404 : result.status, result.problem.code);
  return result.data;
}

export const QUESTION_SLOTS = 3;

/** The event form's values as strings, to show again: from a saved event (edit) or empty (new). */
export function formValuesOf(saved: HubEvent | null, defaultZone: string): Record<string, string> {
  if (!saved) return { format: 'in_person', timeZone: defaultZone, languages: 'es', reminders: '1440,60' };
  const local = (iso: string | null) => (iso && isTimeZone(saved.timeZone) ? localOf(Date.parse(iso), saved.timeZone) : '');
  const values: Record<string, string> = {
    title: saved.title,
    description: saved.description,
    format: saved.format,
    venueName: saved.venueName ?? '',
    venueAddress: saved.venueAddress ?? '',
    city: saved.city ?? '',
    country: saved.country ?? '',
    latitude: saved.latitude?.toString() ?? '',
    longitude: saved.longitude?.toString() ?? '',
    onlineUrl: saved.onlineUrl ?? '',
    timeZone: saved.timeZone,
    startsLocal: saved.startsLocal,
    endsLocal: saved.endsLocal,
    languages: saved.languages.join(','),
    themes: saved.themes.join(','),
    hostOrganisations: saved.hosts.map((h) => h.slug).join(','),
    capacity: saved.capacity?.toString() ?? '',
    registrationOpensAt: local(saved.registrationOpensAt),
    registrationClosesAt: local(saved.registrationClosesAt),
    reminders: saved.reminderMinutes.join(',')
  };
  saved.questions.forEach((q, i) => {
    values[`q${i}.label`] = q.label;
    values[`q${i}.options`] = (q.options ?? []).join(', ');
    values[`q${i}.required`] = q.required ? 'on' : '';
  });
  return values;
}

/**
 * Reads the posted event form: the values to show again and the API body. Times
 * are the venue's wall times (`datetime-local`); the registration window too,
 * turned into instants in the event's zone here, since the API takes instants for it.
 */
export function readEventForm(data: FormData) {
  const list = (name: string) => data.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
  const text = (name: string) => formText(data, name).trim();
  const values: Record<string, string> = {};
  for (const name of ['title', 'description', 'format', 'venueName', 'venueAddress', 'city', 'country', 'latitude', 'longitude', 'onlineUrl', 'timeZone', 'startsLocal', 'endsLocal', 'hostOrganisations', 'capacity', 'registrationOpensAt', 'registrationClosesAt']) {
    values[name] = formText(data, name);
  }
  values.languages = list('languages').join(',');
  values.themes = list('themes').join(',');
  values.reminders = list('reminders').join(',');
  const invalid: Record<string, string> = {};
  const number = (name: string) => {
    const raw = text(name);
    if (raw === '') return null;
    const value = Number(raw.replace(',', '.'));
    if (!Number.isFinite(value)) invalid[name] = 'invalid';
    return value;
  };
  const zone = text('timeZone');
  const instant = (name: string) => {
    const raw = text(name);
    if (!raw) return null;
    if (!isTimeZone(zone) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw)) return null;
    return zonedToInstant(raw, zone).toISOString();
  };
  const questions: NonNullable<EventCreateInput['questions']> = [];
  for (let i = 0; i < QUESTION_SLOTS; i++) {
    const label = text(`q${i}.label`);
    const options = text(`q${i}.options`).split(',').map((o) => o.trim()).filter(Boolean);
    values[`q${i}.label`] = formText(data, `q${i}.label`);
    values[`q${i}.options`] = formText(data, `q${i}.options`);
    values[`q${i}.required`] = formText(data, `q${i}.required`);
    if (!label) continue;
    questions.push({ id: `q${i + 1}`, label, kind: options.length ? 'choice' : 'text', ...(options.length && { options }), required: values[`q${i}.required`] === 'on' });
  }
  const capacity = number('capacity');
  const body = {
    title: text('title'),
    description: formText(data, 'description'),
    format: text('format') as EventCreateInput['format'],
    venueName: text('venueName') || null,
    venueAddress: text('venueAddress') || null,
    city: text('city') || null,
    country: (text('country') || null) as EventCreateInput['country'],
    latitude: number('latitude'),
    longitude: number('longitude'),
    onlineUrl: text('onlineUrl') || null,
    timeZone: zone,
    startsLocal: text('startsLocal'),
    endsLocal: text('endsLocal'),
    languages: list('languages') as EventCreateInput['languages'],
    themes: list('themes') as NonNullable<EventCreateInput['themes']>,
    hostOrganisations: [...new Set([...list('hostOrganisations'), ...text('hostSlugs').split(',').map((s) => s.trim()).filter(Boolean)])],
    capacity: capacity === null ? null : Math.trunc(capacity),
    registrationOpensAt: instant('registrationOpensAt'),
    registrationClosesAt: instant('registrationClosesAt'),
    reminderMinutes: list('reminders').map(Number).filter((n) => Number.isInteger(n)),
    questions
  };
  return { values, body, invalid };
}
