/** The library search's state as the URL holds it, read and written the same way by the server and the page. */
export interface SearchState {
  q: string;
  type: string[];
  theme: string[];
  country: string[];
  language: string[];
  year: string[];
  publisher: string[];
  sort: string;
  page: number;
}

export const facetKeys = ['type', 'theme', 'country', 'language', 'year', 'publisher'] as const;
export type FacetKey = (typeof facetKeys)[number];

export function readSearchState(params: URLSearchParams): SearchState {
  const list = (key: string) => params.getAll(key).filter(Boolean).slice(0, 30);
  return {
    q: params.get('q')?.slice(0, 200) ?? '',
    type: list('type'),
    theme: list('theme'),
    country: list('country'),
    language: list('language'),
    year: list('year'),
    publisher: list('publisher'),
    sort: params.get('sort') ?? '',
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
  };
}

/** The API's query for a state: only what is set. */
export function searchQuery(state: SearchState) {
  const years = state.year.map(Number).filter((y) => Number.isInteger(y));
  return {
    ...(state.q.trim() && { q: state.q.trim() }),
    ...(state.type.length > 0 && { type: state.type }),
    ...(state.theme.length > 0 && { theme: state.theme }),
    ...(state.country.length > 0 && { country: state.country }),
    ...(state.language.length > 0 && { language: state.language }),
    ...(years.length > 0 && { year: years }),
    ...(state.publisher.length > 0 && { publisher: state.publisher }),
    ...(state.sort && { sort: state.sort }),
    ...(state.page > 1 && { page: state.page })
  };
}

/** The URL of a state (page 1 unless given). */
export function searchHref(state: SearchState, changes: Partial<SearchState> = {}): string {
  const next = { ...state, page: 1, ...changes };
  const pairs: Array<[string, string]> = [];
  if (next.q) pairs.push(['q', next.q]);
  for (const key of facetKeys) for (const value of next[key]) pairs.push([key, value]);
  if (next.sort) pairs.push(['sort', next.sort]);
  if (next.page > 1) pairs.push(['page', String(next.page)]);
  const text = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return text ? `/library?${text}` : '/library';
}
