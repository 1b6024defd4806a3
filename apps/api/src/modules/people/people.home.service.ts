// What the people domain puts on a signed-in person's home: people who work on their themes.
import { filterAll, filterEquals, filterIn } from '@mutirao/search';
import type { HomeSection } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import { visibilityFilter } from './people.directory.service';
import type { PersonDocument } from './people.mapper';
import type { PeopleHub } from './people.profile.service';
import * as repo from './people.repo';
import { PEOPLE_INDEX } from './people.search';

const FEW = 5;

/**
 * "People with my themes": the first few people the viewer may see who share a theme
 * with their profile, from the directory's index, with its visibility filter. Nothing
 * when the viewer has chosen no theme; nothing (rather than a broken home) while
 * search is down.
 */
export async function homeSections(hub: PeopleHub, actor: Actor): Promise<HomeSection[]> {
  const me = await repo.findPerson(hub.db, actor.id);
  const themes = me?.profile?.themes ?? [];
  if (themes.length === 0) return [];
  const visible = visibilityFilter(actor, await repo.approvedOrganisationIdsOf(hub.db, actor.id));
  try {
    const result = await hub.search.client.index<PersonDocument>(hub.search.indexName(PEOPLE_INDEX)).search('', {
      filter: filterAll([visible, filterIn('themes', themes), `NOT ${filterEquals('id', actor.id)}`]),
      limit: FEW,
      attributesToRetrieve: ['id', 'name', 'headline']
    });
    const total = result.estimatedTotalHits ?? result.hits.length;
    if (total === 0) return [];
    return [
      {
        key: 'peopleWithMyThemes',
        total,
        href: `/people?${themes.map((t) => `theme=${encodeURIComponent(t)}`).join('&')}`,
        items: result.hits.map((hit) => ({ title: hit.name, href: `/people/${hit.id}`, ...(hit.headline && { detail: hit.headline.slice(0, 300) }) }))
      }
    ];
  } catch (err) {
    hub.log?.warn({ err }, 'people with my themes: search failed');
    return [];
  }
}
