import type { HomeSection, ProfileSection } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import * as repo from './discussions.repo';

const FEW = 5;
const href = (id: string, number?: number) => `/discussions/${id}${number ? `?post=${number}#post-${number}` : ''}`;

/** The signed-in home: watched threads with unread posts, and open questions in the themes of my organisations. */
export async function discussionHomeSections(hub: Hub, actor: Actor): Promise<HomeSection[]> {
  const [watched, themes] = await Promise.all([repo.watchedWithUnread(hub.db, actor.id, FEW), repo.themesOfMember(hub.db, actor.id)]);
  const unanswered = await repo.unansweredInThemes(hub.db, themes, actor.id, FEW);
  return [
    {
      key: 'watchedThreads',
      total: watched.total,
      href: '/discussions?filter=mine',
      items: watched.rows.map((r) => ({ title: r.title, href: href(r.id), at: r.lastActivityAt.toISOString(), count: r.unread }))
    },
    {
      key: 'unansweredInMyThemes',
      total: unanswered.total,
      href: '/discussions?filter=unanswered',
      items: unanswered.rows.map((r) => ({ title: r.title, href: href(r.id), at: r.lastActivityAt.toISOString(), count: r.replyCount }))
    }
  ];
}

/** A person's profile: threads they started and their accepted answers (all public unless hidden). */
export async function discussionProfileSections(hub: Hub, _viewer: Actor | null, personId: string): Promise<ProfileSection[]> {
  const [threads, answers] = await Promise.all([
    repo.listThreads(hub.db, { filter: 'latest', authorId: personId, includeHidden: false, viewerId: null }, null, FEW),
    repo.acceptedAnswersBy(hub.db, personId, FEW)
  ]);
  const threadTotal = await repo.countThreadsBy(hub.db, personId);
  return [
    {
      key: 'threads',
      total: threadTotal,
      items: threads.slice(0, FEW).map((r) => ({ title: r.thread.title, href: href(r.thread.id), at: r.thread.createdAt.toISOString(), count: r.thread.replyCount }))
    },
    {
      key: 'acceptedAnswers',
      total: answers.total,
      items: answers.rows.map((r) => ({ title: r.title, href: href(r.threadId, r.number), at: r.createdAt.toISOString() }))
    }
  ];
}
