import { error } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

const FILTERS = ['latest', 'unanswered', 'solved', 'mine'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * The whole list state is in the URL, so a list or a search can be shared and works
 * without JavaScript. A search (`q`, or the solved facet) goes to Meilisearch with
 * facet counts; the lists come from Postgres with keyset pages (`cursor`).
 */
export const load: PageServerLoad = async (event) => {
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
