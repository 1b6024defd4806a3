import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { failFromProblem, formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const FILTERS = ['latest', 'unanswered', 'solved', 'mine'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * The whole list state is in the URL, so a list or a search can be shared and works
 * without JavaScript. A search (`q`, or the solved facet) goes to Meilisearch with
 * facet counts; the lists come from Postgres with keyset pages (`cursor`).
 */
export const load: PageServerLoad = async (event) => ({
  ...(await loadList(event)),
  watchedThemes: event.locals.user ? await watchedThemes(event) : []
});

async function watchedThemes(event: RequestEvent): Promise<string[]> {
  const result = await call(event, api.myWatchedThemes, {});
  return result.ok ? result.data.themes : [];
}

export const actions: Actions = {
  /** Watch or stop watching one theme: the rest of the list stays as it was. */
  watchTheme: async (event) => {
    if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
    const data = await event.request.formData();
    const theme = formText(data, 'theme');
    const watch = formText(data, 'watch') === 'true';
    const current = new Set(await watchedThemes(event));
    if (watch) current.add(theme);
    else current.delete(theme);
    const result = await call(event, api.setMyWatchedThemes, { body: { themes: [...current] } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'watch');
    return { done: 'watch' };
  }
};

async function loadList(event: Parameters<PageServerLoad>[0]) {
  const params = event.url.searchParams;
  const pick = (name: string) => params.get(name)?.slice(0, 200) ?? '';
  const filterParam = pick('filter');
  const state = {
    q: pick('q'),
    filter: (FILTERS as readonly string[]).includes(filterParam) ? (filterParam as Filter) : 'latest',
    kind: pick('kind'),
    theme: pick('theme'),
    country: pick('country'),
    language: pick('language'),
    solved: pick('solved'),
    organisation: pick('organisation'),
    cursor: pick('cursor'),
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
  };
  const common = {
    ...(state.kind && { kind: state.kind }),
    ...(state.theme && { theme: state.theme }),
    ...(state.country && { country: state.country }),
    ...(state.language && { language: state.language })
  };
  if (state.q.trim() || state.solved) {
    const result = await call(event, api.searchThreads, {
      query: {
        ...common,
        ...(state.q.trim() && { q: state.q.trim() }),
        ...(state.solved && { solved: state.solved === 'true' }),
        ...(state.page > 1 && { page: state.page })
      }
    });
    if (result.ok) return { state, search: result.data, list: null, problem: null };
    if (result.status === 400 || result.status === 503) return { state, search: null, list: null, problem: result.problem.code };
    error(result.status, result.problem.code);
  }
  if (state.filter === 'mine' && !event.locals.user) return { state, search: null, list: null, problem: 'unauthenticated' as const };
  const result = await call(event, api.listThreads, {
    query: {
      ...common,
      ...(state.filter !== 'latest' && { filter: state.filter }),
      ...(state.organisation && { organisation: state.organisation }),
      ...(state.cursor && { cursor: state.cursor })
    }
  });
  if (result.ok) return { state, search: null, list: result.data, problem: null };
  if (result.status === 400 || result.status === 401) return { state, search: null, list: null, problem: result.problem.code };
  error(result.status, result.problem.code);
};
