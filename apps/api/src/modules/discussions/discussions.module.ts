import { defineModule } from '../../module';
import { handleDigests, scheduleDigest } from './discussions.digest';
import { removeUnusedPostImages } from './discussions.images';
import { eraseDiscussionData, exportDiscussionData } from './discussions.personal-data';
import type { DiscussionAction } from './discussions.policy';
import { handleMailReplies, replyMailHandler } from './discussions.reply-mail';
import { discussionsRoutes } from './discussions.routes';
import { threadsIndex } from './discussions.search';
import { discussionHomeSections, discussionProfileSections } from './discussions.sections';
import { seedDemoDiscussions } from './discussions.seed';
import { canFollowThread } from './discussions.threads.service';

/** Discussions and Q&A: threads, replies, accepted answers, reactions, following, flags and moderation. */
export const discussionsModule = defineModule({
  name: 'discussions',
  routes: discussionsRoutes,
  searchIndexes: [threadsIndex],
  liveTopics: {
    thread: (hub, actor, id) => canFollowThread(hub, actor, id)
  },
  demoSeeder: seedDemoDiscussions,
  notificationKinds: ['discussion.reply', 'discussion.mention', 'discussion.accepted', 'discussion.new_thread'],
  homeSections: discussionHomeSections,
  profileSections: discussionProfileSections,
  exportPersonalData: exportDiscussionData,
  onAccountDeleted: eraseDiscussionData,
  jobHandlers: (jobs, hub) => {
    handleMailReplies(jobs, hub);
    handleDigests(jobs, hub);
  },
  inboundMail: replyMailHandler,
  housekeeping: async (hub) => {
    // Every process makes sure the next daily digest waits in the queue (one job per run, whoever asks).
    await scheduleDigest(hub);
    // Uploads the editor made that no post used within a day.
    await removeUnusedPostImages(hub);
  },
  // Keyed by the policy's own actions, so a new action without an entry here fails the type check.
  authActions: {
    'discussion.view': 'Anyone; a post (or thread) a coordinator hid only its author and coordinators.',
    'discussion.edit': 'The post’s author (not while the thread is locked) and coordinators: edit or delete.',
    'discussion.accept': 'The question’s asker and coordinators.',
    'discussion.takePart': 'Anyone signed in who may read the thread: reply (unless locked), react, flag, follow.',
    'discussion.moderate': 'Coordinators and admins: hide or restore posts, lock, pin, move threads, the flag queue.'
  } satisfies Record<`discussion.${DiscussionAction}`, string>
});
