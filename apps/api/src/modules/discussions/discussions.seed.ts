import { demoThreads } from '@mutirao/db/seed/discussions';
import type { CreateThreadInput } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import type { DemoPeople, SeedHub } from '../../module';
import type { DiscussionsHub } from './discussions.changes';
import { moderateThread } from './discussions.moderation.service';
import { acceptAnswer, react, reply } from './discussions.posts.service';
import * as repo from './discussions.repo';
import { createThread } from './discussions.threads.service';

/** The two demo staff accounts have role addresses; everyone else is `<first.last>@demo.mutirao.org`. */
const EMAILS: Record<string, string> = { 'lucia.fernandez': 'coordinator@demo.mutirao.org', 'joao.pereira': 'member@demo.mutirao.org' };

/**
 * The demo discussions go through the same services as real ones (threads, replies,
 * mentions, accepted answers, reactions), so they obey every rule and notify the
 * demo people in the app. No mail is sent (no job queue), and the demo people, minutes
 * old, are not held to the new-account limit. Dates are moved back afterwards, so
 * the lists have a history.
 */
export async function seedDemoDiscussions(seedHub: SeedHub, people: DemoPeople): Promise<void> {
  const hub: DiscussionsHub = { db: seedHub.db, config: seedHub.config, search: seedHub.search, live: seedHub.live, newAccountLimit: false };
  const actor = (key: string): Actor => {
    const email = EMAILS[key] ?? `${key}@demo.mutirao.org`;
    const person = people.get(email);
    if (!person) throw new Error(`demo discussions: no demo person ${email}`);
    return { id: person.id, role: email.startsWith('coordinator@') ? 'coordinator' : 'member', emailVerified: true };
  };
  const coordinator = actor('lucia.fernandez');

  for (const demo of demoThreads) {
    const asker = actor(demo.by);
    const { id } = await createThread(hub, asker, {
      kind: demo.kind,
      title: demo.title,
      body: demo.body,
      theme: demo.theme as CreateThreadInput['theme'],
      tags: demo.tags ?? [],
      countries: demo.countries as CreateThreadInput['countries'],
      language: demo.language
    });
    for (const r of demo.replies) {
      const post = await reply(hub, actor(r.by), id, { body: r.body });
      for (const key of r.helpful ?? []) if (key !== r.by) await react(hub, actor(key), post.id, true);
      if (r.accepted) await acceptAnswer(hub, asker, id, post.id);
    }
    if (demo.pinned) await moderateThread(hub, coordinator, id, 'pin');
    await repo.moveThreadBack(hub.db, id, demo.daysAgo);
  }
}
