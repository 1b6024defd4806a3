import type { FastifyPluginAsync } from 'fastify';
import { discussionsContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import { route } from '../../http/route';
import * as moderation from './discussions.moderation.service';
import * as posts from './discussions.posts.service';
import { searchThreads } from './discussions.search';
import * as threads from './discussions.threads.service';

const contract = discussionsContract.routes;

export const discussionsRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  // ------------------------------------------------------------ reading
  route(app, contract.listThreads, async (request) => threads.listThreads(hub, request.actor, request.query));
  route(app, contract.searchThreads, async (request) => searchThreads(hub, request.query));
  route(app, contract.getThread, async (request) => threads.getThreadPage(hub, request.actor, request.params.id, request.query.page));
  route(app, contract.listPostRevisions, async (request) => threads.listRevisions(hub, request.actor, request.params.id));

  // ------------------------------------------------------------ writing
  route(app, contract.createThread, async (request) => ({ thread: await threads.createThread(hub, request.actor, request.body) }));
  route(app, contract.updateThread, async (request) => ({
    thread: await threads.updateThread(hub, request.actor, request.params.id, request.body)
  }));
  route(app, contract.replyToThread, async (request) => ({ post: await posts.reply(hub, request.actor, request.params.id, request.body) }));
  route(app, contract.editPost, async (request) => ({ post: await posts.editPost(hub, request.actor, request.params.id, request.body.body) }));
  route(app, contract.deletePost, async (request) => {
    await posts.deletePost(hub, request.actor, request.params.id);
    return null;
  });
  route(app, contract.acceptAnswer, async (request) => posts.acceptAnswer(hub, request.actor, request.params.id, request.body.postId));
  route(app, contract.reactToPost, async (request) => posts.react(hub, request.actor, request.params.id, true));
  route(app, contract.unreactToPost, async (request) => posts.react(hub, request.actor, request.params.id, false));
  route(app, contract.followThread, async (request) => posts.follow(hub, request.actor, request.params.id, request.body.level));
  route(app, contract.flagPost, async (request) => moderation.flagPost(hub, request.actor, request.params.id, request.body));

  route(app, contract.myWatchedThemes, async (request) => threads.myWatchedThemes(hub, request.actor));
  route(app, contract.setMyWatchedThemes, async (request) => threads.setMyWatchedThemes(hub, request.actor, request.body.themes));
  route(app, contract.previewPost, async (request) => threads.previewPost(hub, request.actor, request.body.body));

  // ------------------------------------------------------------ coordinators
  route(app, contract.listFlaggedPosts, async (request) => moderation.listFlags(hub, request.actor));
  route(app, contract.moderatePost, async (request) => ({
    post: await moderation.moderatePost(hub, request.actor, request.params.id, request.body.action, request.body.reason)
  }));
  route(app, contract.moderateThread, async (request) => {
    await moderation.moderateThread(hub, request.actor, request.params.id, request.body.action, request.body.theme);
    return { thread: await threads.cardFor(hub, request.actor, request.params.id) };
  });
};
