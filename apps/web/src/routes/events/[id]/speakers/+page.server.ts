import { error, redirect } from '@sveltejs/kit';
import { api, type ProblemCode, type SpeakersInput } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import { loadEvent } from '../../events.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * The speakers of an event, for whoever may edit it. People are found through the
 * people directory (`?q=`, a plain GET form, so it works without JavaScript); the
 * directory shows only profiles the organiser may see.
 */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  event.depends('app:event');
  const page = await loadEvent(event, event.params.id);
  if (!page.viewer.canEdit) error(403, 'forbidden');
  const q = event.url.searchParams.get('q')?.trim().slice(0, 200) ?? '';
  let found: { id: string; name: string; headline: string | null; photoUrl: string | null }[] = [];
  let searchProblem: ProblemCode | null = null;
  if (q) {
    const result = await call(event, api.searchPeople, { query: { q, pageSize: 10 } });
    if (result.ok) found = result.data.items.map((p) => ({ id: p.id, name: p.name, headline: p.headline, photoUrl: p.photoUrl }));
    else searchProblem = result.problem.code;
  }
  return { event: page.event, speakers: page.speakers, q, found, searchProblem };
};

/** The list as the form posted it: one `userId` and one `talkTitle` per row, in order. */
function postedSpeakers(data: FormData): SpeakersInput['speakers'] {
  const ids = data.getAll('userId').filter((v): v is string => typeof v === 'string');
  const titles = data.getAll('talkTitle').map((v) => (typeof v === 'string' ? v : ''));
  return ids.map((userId, i) => ({ userId, talkTitle: titles[i]?.trim() || null }));
}

async function save(event: Parameters<Actions[string]>[0], speakers: SpeakersInput['speakers'], values: Record<string, string>) {
  const result = await call(event, api.setEventSpeakers, { params: { id: event.params.id }, body: { speakers } });
  if (!result.ok) return failFromProblem(result.status, result.problem, values, 'speakers');
  return { done: 'saved' as const };
}

export const actions: Actions = {
  /** Saves the talk titles, in the listed order. */
  save: async (event) => save(event, postedSpeakers(await event.request.formData()), {}),
  /** Leaves one person out of the current list. */
  remove: async (event) => {
    const userId = formText(await event.request.formData(), 'userId');
    const page = await loadEvent(event, event.params.id);
    const rest = page.speakers.filter((s) => s.userId !== userId).map((s) => ({ userId: s.userId, talkTitle: s.talkTitle }));
    return save(event, rest, {});
  },
  /** Adds one person at the end of the current list. */
  add: async (event) => {
    const data = await event.request.formData();
    const userId = formText(data, 'userId');
    const page = await loadEvent(event, event.params.id);
    const current = page.speakers.map((s) => ({ userId: s.userId, talkTitle: s.talkTitle }));
    if (current.some((s) => s.userId === userId)) return { done: 'saved' as const };
    return save(event, [...current, { userId, talkTitle: null }], { q: formText(data, 'q') });
  }
};
