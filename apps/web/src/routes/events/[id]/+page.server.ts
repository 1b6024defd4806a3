import { redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { m } from '$lib/paraglide/messages';
import { failFromProblem, failWithFields, formText } from '$lib/server/forms';
import { loadEvent } from '../events.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  event.depends('app:event');
  const [page, related] = await Promise.all([
    loadEvent(event, event.params.id),
    // Library resources naming this event as related; the event reads fine without them.
    call(event, api.relatedResources, { params: { kind: 'event', id: event.params.id } })
  ]);
  return { page, relatedResources: related.ok ? related.data.items : [] };
};

const signIn = (id: string) => redirect(303, `/sign-in?next=/events/${encodeURIComponent(id)}`);

export const actions: Actions = {
  register: async (event) => {
    if (!event.locals.user) signIn(event.params.id);
    const data = await event.request.formData();
    const answers: Record<string, string> = {};
    for (const [key, value] of data) {
      if (key.startsWith('answer.') && typeof value === 'string' && value.trim()) answers[key.slice(7)] = value.trim();
    }
    const result = await call(event, api.registerForEvent, { params: { id: event.params.id }, body: { answers } });
    if (!result.ok) {
      const values = Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answer.${k}`, v]));
      return failFromProblem(result.status, { ...result.problem, fields: result.problem.fields?.map((f) => ({ ...f, field: f.field.replace('body.answers.', 'answer.') })) }, values, 'register');
    }
    return { done: result.data.registration.status };
  },
  unregister: async (event) => {
    if (!event.locals.user) signIn(event.params.id);
    const result = await call(event, api.cancelRegistration, { params: { id: event.params.id } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'unregister');
    return { done: 'unregistered' };
  },
  submit: async (event) => {
    const result = await call(event, api.submitEvent, { params: { id: event.params.id } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'status');
    return { done: 'submitted' };
  },
  publish: async (event) => {
    const result = await call(event, api.publishEvent, { params: { id: event.params.id } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'status');
    return { done: 'published' };
  },
  /** Organisers paste the thread's address (or its id); an empty field unlinks it. */
  followUp: async (event) => {
    const thread = formText(await event.request.formData(), 'thread').trim();
    const threadId = thread ? (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(thread)?.[0].toLowerCase() ?? null) : null;
    const invalid = () => failWithFields({ thread }, { thread: m.events_followup_thread_invalid() }, 'followUp');
    if (thread && !threadId) return invalid();
    const result = await call(event, api.setEventFollowUp, { params: { id: event.params.id }, body: { threadId } });
    if (!result.ok) return result.status === 400 ? invalid() : failFromProblem(result.status, result.problem, { thread }, 'followUp');
    return { done: threadId ? 'followUpLinked' : 'followUpUnlinked' };
  },
  cancelEvent: async (event) => {
    const reason = formText(await event.request.formData(), 'reason').trim();
    const result = await call(event, api.cancelEvent, { params: { id: event.params.id }, body: reason ? { reason } : {} });
    if (!result.ok) return failFromProblem(result.status, result.problem, { reason }, 'cancelEvent');
    return { done: 'cancelledEvent' };
  }
};
