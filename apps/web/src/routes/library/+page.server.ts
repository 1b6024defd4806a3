import { error } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { readSearchState, searchQuery } from './search-state';
import type { PageServerLoad } from './$types';

/** The whole search state lives in the URL, so a search is a link that can be shared and works without JavaScript. */
export const load: PageServerLoad = async (event) => {
  const state = readSearchState(event.url.searchParams);
  const result = await call(event, api.searchLibrary, { query: searchQuery(state) });
  if (result.ok) return { state, library: result.data, problem: null };
  // A hand-edited link with an unknown filter, or search being down: the page with a message.
  if (result.status === 400 || result.status === 503) return { state, library: null, problem: result.problem.code };
  error(result.status, result.problem.code);
};
