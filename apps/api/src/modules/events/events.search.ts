import { defineIndex } from '@mutirao/search';
import { locales } from '@mutirao/shared';
import { themeNames } from '../organisations/organisations.search';
import * as repo from './events.repo';
import * as speakers from './events.speakers.repo';

export const EVENTS_INDEX = 'events';

export interface EventDocument {
  [key: string]: unknown;
  id: string;
  title: string;
  description: string;
  venueName: string | null;
  city: string | null;
  country: string | null;
  countryNames: string[];
  themeNames: string[];
  format: string;
  themes: string[];
  languages: string[];
  startsAt: number;
  /** The speakers' names, so a search for a person finds the events they speak at. */
  speakers: string[];
}

const countryNamers = locales.map((l) => new Intl.DisplayNames([l], { type: 'region' }));

/**
 * Published events only: the loader returns nothing for drafts, submitted and
 * cancelled events, so a status change removes the document and no query needs
 * to filter by status. Searched for words; the listing's filters run in Postgres.
 */
export const eventsIndex = defineIndex<EventDocument>({
  name: EVENTS_INDEX,
  primaryKey: 'id',
  settings: {
    searchableAttributes: ['title', 'speakers', 'city', 'venueName', 'countryNames', 'themeNames', 'description'],
    filterableAttributes: ['country', 'format', 'themes', 'languages', 'startsAt'],
    sortableAttributes: ['startsAt'],
    pagination: { maxTotalHits: 1000 },
    typoTolerance: { enabled: true }
  },
  async load(db, ids) {
    const rows = (await repo.eventsByIds(db, ids)).filter((row) => row.status === 'published');
    const names = new Map<string, string[]>();
    for (const s of await speakers.speakersOf(db, rows.map((r) => r.id))) names.set(s.eventId, [...(names.get(s.eventId) ?? []), s.name]);
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      description: row.descriptionText.slice(0, 5000),
      venueName: row.venueName,
      city: row.city,
      country: row.country,
      countryNames: row.country ? [...new Set(countryNamers.map((n) => n.of(row.country!) ?? row.country!))] : [],
      themeNames: themeNames(row.themes),
      format: row.format,
      themes: row.themes,
      languages: row.languages,
      startsAt: row.startsAt.getTime(),
      speakers: names.get(row.id) ?? []
    }));
  },
  listIds: (db, { after, limit }) => repo.eventIdsAfter(db, after, limit)
});
