import { error } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
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
  const result = await call(event, api.searchOrganisations, {
    query: {
      ...(state.q.trim() && { q: state.q.trim() }),
      ...(state.country.length > 0 && { country: state.country }),
      ...(state.type.length > 0 && { type: state.type }),
      ...(state.theme.length > 0 && { theme: state.theme }),
      ...(state.sort && { sort: state.sort }),
      ...(state.page > 1 && { page: state.page })
    }
  });
  if (result.ok) return { state, directory: result.data, problem: null };
  // A hand-edited link with an unknown filter shows the page with a message, not an error page.
  if (result.status === 400 || result.status === 503) return { state, directory: null, problem: result.problem.code };
  error(result.status, result.problem.code);
};
