import { error } from '@sveltejs/kit';
import type { DirectoryResult } from '@mutirao/shared';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

/** The search state lives in the URL (q, country, type, theme, sort, page), so a link can be shared. */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const state = {
    q: params.get('q')?.slice(0, 200) ?? '',
    country: params.getAll('country').filter(Boolean),
    type: params.getAll('type').filter(Boolean),
    theme: params.getAll('theme').filter(Boolean),
    sort: params.get('sort') ?? '',
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
  };
  const query = new URLSearchParams();
  if (state.q.trim()) query.set('q', state.q.trim());
  for (const key of ['country', 'type', 'theme'] as const) for (const value of state[key]) query.append(key, value);
  if (state.sort) query.set('sort', state.sort);
  if (state.page > 1) query.set('page', String(state.page));
  const result = await api<DirectoryResult>(event, 'GET', `/api/organisations?${query}`);
  if (result.ok) return { state, directory: result.data, problem: null };
  // A hand-edited link with an unknown filter shows the page with a message, not an error page.
  if (result.status === 400 || result.status === 503) return { state, directory: null, problem: result.problem.code };
  error(result.status, result.problem.code);
};
