// What the library adds to the signed-in home and to a person's profile.
import type { HomeSection, ProfileSection } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import * as repo from './library.repo';

const FEW = 5;
const item = (row: repo.ResourceRow, at: Date | null) => ({
  title: row.title,
  href: `/library/${row.slug}`,
  detail: row.authors.slice(0, 3).join(', ') || undefined,
  ...(at && { at: at.toISOString() })
});

export async function librarySections(hub: Hub, actor: Actor): Promise<HomeSection[]> {
  const sections: HomeSection[] = [];
  const themes = await repo.themesOfMember(hub.db, actor.id);
  const fresh = await repo.newestPublished(hub.db, FEW, themes);
  sections.push({ key: 'newResourcesInMyThemes', total: fresh.total, href: '/library', items: fresh.items.map((r) => item(r, r.publishedAt)) });
  if (isStaff(actor)) {
    const queue = await repo.listByStatus(hub.db, 'pending', 1, FEW);
    sections.push({ key: 'resourcesToReview', total: queue.total, href: '/library/review', items: queue.items.map((r) => item(r, r.submittedAt)) });
  }
  const mine = await repo.listBySubmitter(hub.db, actor.id, 1, FEW);
  sections.push({ key: 'mySubmissions', total: mine.total, href: '/library/mine', items: mine.items.map((r) => item(r, r.updatedAt)) });
  return sections;
}

/** Published resources the person submitted or is named an author of. */
export async function libraryProfileSections(hub: Hub, _viewer: Actor | null, personId: string): Promise<ProfileSection[]> {
  const names = await repo.userNames(hub.db, [personId]);
  const name = names.get(personId);
  if (!name) return [];
  const { items, total } = await repo.publishedOfPerson(hub.db, personId, name, FEW);
  return [{ key: 'resources', total, items: items.map((r) => item(r, r.publishedAt)) }];
}
