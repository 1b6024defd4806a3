import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { PageServerLoad } from './$types';

/** The search state lives in the URL (q, country, organisation, theme, language, page), so a link can be shared. */
export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  const params = event.url.searchParams;
  const state = {
    q: params.get('q')?.slice(0, 200) ?? '',
    country: params.getAll('country').filter(Boolean),
    organisation: params.getAll('organisation').filter(Boolean),
    theme: params.getAll('theme').filter(Boolean),
    language: params.getAll('language').filter(Boolean),
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
  };
  const result = await call(event, api.searchPeople, {
    query: {
      ...(state.q.trim() && { q: state.q.trim() }),
      ...(state.country.length > 0 && { country: state.country }),
      ...(state.organisation.length > 0 && { organisation: state.organisation }),
      ...(state.theme.length > 0 && { theme: state.theme }),
      ...(state.language.length > 0 && { language: state.language }),
      ...(state.page > 1 && { page: state.page })
    }
  });
  if (result.ok) return { state, directory: result.data, problem: null };
  // A hand-edited link with an unknown filter shows the page with a message, not an error page.
  if (result.status === 400 || result.status === 503) return { state, directory: null, problem: result.problem.code };
  error(result.status, result.problem.code);
};
