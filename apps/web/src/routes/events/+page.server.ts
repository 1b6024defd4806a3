import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

const FILTERS = ['q', 'country', 'city', 'format', 'theme', 'language', 'status', 'organisation'] as const;

/**
 * The listing is a GET form: every filter is in the URL, so it works without
 * JavaScript and can be shared. `view=calendar` shows a month at a time.
 */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const when = params.get('when') === 'past' ? 'past' : 'upcoming';
  const thisMonth = new Date().toISOString().slice(0, 7);
  const monthParam = params.get('month') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? monthParam : view === 'calendar' ? thisMonth : '';
  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const page = Math.max(1, Math.min(1000, Number(params.get('page')) || 1));
  const result = await call(event, api.listEvents, {
    query: { ...filters, ...(month ? { month } : { when }), page, pageSize: view === 'calendar' ? 100 : 20 }
  });
  if (!result.ok && result.status !== 400) error(result.status, result.problem.code);
  const feed = event.locals.user ? await call(event, api.myCalendarFeed, {}) : undefined;
  return {
    view,
    when,
    month,
    filters,
    list: result.ok ? result.data : { items: [], total: 0, page: 1, pageSize: 20 },
    invalidFilters: !result.ok,
    feedUrl: feed?.ok ? feed.data.url : null
  };
};

export const actions: Actions = {
  /** A new secret address for my calendar feed; the old one stops working. */
  resetFeed: async (event) => {
    if (!event.locals.user) redirect(303, '/sign-in?next=/events');
    const result = await call(event, api.resetCalendarFeed, {});
    if (!result.ok) error(result.status, result.problem.code);
    return { feedReset: true };
  }
};
