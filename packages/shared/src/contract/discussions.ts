import { Type } from '@sinclair/typebox';
import {
  AcceptAnswerBody,
  AcceptedAnswerSchema,
  CreateThreadBody,
  CreatedThreadSchema,
  EditPostBody,
  FlagBody,
  FlagCreatedSchema,
  FlagQueueSchema,
  FollowBody,
  FollowingSchema,
  ModeratePostBody,
  ModerateThreadBody,
  POST_IMAGE_MAX_BYTES,
  PostIdParams,
  PostImageParams,
  PostImageSchema,
  PostResponseSchema,
  PostSchema,
  ReactionSchema,
  ReplyBody,
  RevisionListSchema,
  ThreadCardSchema,
  ThreadIdParams,
  ThreadListQuery,
  ThreadListSchema,
  ThreadPageQuery,
  ThreadPageSchema,
  ThreadSearchQuery,
  ThreadSearchResultSchema,
  UpdateThreadBody,
  WatchedThemesSchema,
  postImageTypes
} from '../schemas/discussions';
import { defineContract, defineRoute } from './define';

const tag = 'discussions';
const hiddenRule = 'A thread whose opening post a coordinator hid answers 404 to anyone but its author and coordinators.';
const authorOrCoordinator = 'The post’s author and coordinators.';

const routes = {
  listThreads: defineRoute({
    operationId: 'listThreads',
    method: 'GET',
    path: '/threads',
    tag,
    summary: 'Threads, pinned first, then by last activity',
    description:
      'Keyset pages (`cursor`): latest, unanswered or solved questions, or `mine` (signed in: threads I started or replied to), by kind, theme, country, language or organisation. Each item has its reply count, last activity and the reader’s unread count.',
    audience: 'public',
    query: ThreadListQuery,
    responses: { 200: ThreadListSchema },
    problems: ['unauthenticated']
  }),
  searchThreads: defineRoute({
    operationId: 'searchThreads',
    method: 'GET',
    path: '/threads/search',
    tag,
    summary: 'Search threads (title, text, tags) with theme, language, kind, solved and country facets',
    audience: 'public',
    query: ThreadSearchQuery,
    responses: { 200: ThreadSearchResultSchema },
    problems: ['search_unavailable']
  }),
  getThread: defineRoute({
    operationId: 'getThread',
    method: 'GET',
    path: '/threads/{id}',
    tag,
    summary: 'A thread: its opening post, the accepted answer and a page of replies',
    description: `Without \`page\`, a signed-in reader gets the page holding their first unread reply, and the visit records where they stopped. Hidden posts reach only their authors and coordinators. ${hiddenRule}`,
    audience: 'public',
    params: ThreadIdParams,
    query: ThreadPageQuery,
    responses: { 200: ThreadPageSchema },
    problems: ['not_found']
  }),
  listPostRevisions: defineRoute({
    operationId: 'listPostRevisions',
    method: 'GET',
    path: '/posts/{id}/revisions',
    tag,
    summary: 'Earlier versions of an edited post, newest first',
    audience: 'public',
    access: 'Whoever may read the post.',
    params: PostIdParams,
    responses: { 200: RevisionListSchema },
    problems: ['not_found']
  }),
  createThread: defineRoute({
    operationId: 'createThread',
    method: 'POST',
    path: '/threads',
    tag,
    summary: 'Ask a question or start a discussion',
    description: 'The author watches the thread. `organisation` must be one the author belongs to. Accounts less than a day old may post a few times an hour.',
    audience: 'signedIn',
    body: CreateThreadBody,
    responses: { 201: CreatedThreadSchema },
    problems: ['forbidden', 'rate_limited']
  }),
  updateThread: defineRoute({
    operationId: 'updateThread',
    method: 'PATCH',
    path: '/threads/{id}',
    tag,
    summary: 'Edit a thread’s title, opening text, theme, tags, countries or language',
    description: 'The earlier title and text are kept as a revision.',
    audience: 'signedIn',
    access: 'The thread’s author and coordinators.',
    params: ThreadIdParams,
    body: UpdateThreadBody,
    responses: { 200: Type.Object({ thread: ThreadCardSchema }) },
    problems: ['forbidden', 'not_found', 'post_deleted']
  }),
  replyToThread: defineRoute({
    operationId: 'replyToThread',
    method: 'POST',
    path: '/threads/{id}/posts',
    tag,
    summary: 'Reply, optionally to a given post',
    description: 'The replier tracks the thread; watchers, the post replied to and people @mentioned are notified.',
    audience: 'signedIn',
    params: ThreadIdParams,
    body: ReplyBody,
    responses: { 201: PostResponseSchema },
    problems: ['not_found', 'thread_locked', 'rate_limited', 'invalid_answer']
  }),
  editPost: defineRoute({
    operationId: 'editPost',
    method: 'PATCH',
    path: '/posts/{id}',
    tag,
    summary: 'Edit a post (the earlier text is kept as a revision)',
    audience: 'signedIn',
    access: authorOrCoordinator,
    params: PostIdParams,
    body: EditPostBody,
    responses: { 200: PostResponseSchema },
    problems: ['forbidden', 'not_found', 'post_deleted', 'thread_locked']
  }),
  deletePost: defineRoute({
    operationId: 'deletePost',
    method: 'DELETE',
    path: '/posts/{id}',
    tag,
    summary: 'Delete a post, leaving a tombstone so the thread still reads in order',
    description: 'Deleting the opening post removes its text; the thread and its replies stay.',
    audience: 'signedIn',
    access: authorOrCoordinator,
    params: PostIdParams,
    responses: { 204: null },
    problems: ['forbidden', 'not_found']
  }),
  acceptAnswer: defineRoute({
    operationId: 'acceptAnswer',
    method: 'PUT',
    path: '/threads/{id}/accepted-answer',
    tag,
    summary: 'Accept a reply as the answer to a question (or change or withdraw it)',
    audience: 'signedIn',
    access: 'The asker and coordinators.',
    params: ThreadIdParams,
    body: AcceptAnswerBody,
    responses: { 200: AcceptedAnswerSchema },
    problems: ['forbidden', 'not_found', 'not_a_question', 'invalid_answer']
  }),
  reactToPost: defineRoute({
    operationId: 'reactToPost',
    method: 'PUT',
    path: '/posts/{id}/helpful',
    tag,
    summary: 'Mark a post helpful (once per person; again changes nothing)',
    audience: 'signedIn',
    access: 'Anyone who may read the post, except its author.',
    params: PostIdParams,
    responses: { 200: ReactionSchema },
    problems: ['not_found', 'forbidden']
  }),
  unreactToPost: defineRoute({
    operationId: 'unreactToPost',
    method: 'DELETE',
    path: '/posts/{id}/helpful',
    tag,
    summary: 'Take back one’s “helpful”',
    audience: 'signedIn',
    params: PostIdParams,
    responses: { 200: ReactionSchema },
    problems: ['not_found']
  }),
  followThread: defineRoute({
    operationId: 'followThread',
    method: 'PUT',
    path: '/threads/{id}/following',
    tag,
    summary: 'Watch (every reply), track (mentions and replies to me) or mute a thread',
    audience: 'signedIn',
    params: ThreadIdParams,
    body: FollowBody,
    responses: { 200: FollowingSchema },
    problems: ['not_found']
  }),
  flagPost: defineRoute({
    operationId: 'flagPost',
    method: 'POST',
    path: '/posts/{id}/flags',
    tag,
    summary: 'Flag a post for the coordinators (spam, abuse, off-topic, other)',
    description: 'Flagging the same post again while the first flag is open changes nothing.',
    audience: 'signedIn',
    params: PostIdParams,
    body: FlagBody,
    responses: { 201: FlagCreatedSchema },
    problems: ['not_found', 'forbidden']
  }),
  myWatchedThemes: defineRoute({
    operationId: 'myWatchedThemes',
    method: 'GET',
    path: '/me/watched-themes',
    tag,
    summary: 'The themes whose new threads I am told of',
    audience: 'signedIn',
    responses: { 200: WatchedThemesSchema },
    problems: []
  }),
  setMyWatchedThemes: defineRoute({
    operationId: 'setMyWatchedThemes',
    method: 'PUT',
    path: '/me/watched-themes',
    tag,
    summary: 'Choose the themes whose new threads I am told of (the whole list)',
    audience: 'signedIn',
    body: WatchedThemesSchema,
    responses: { 200: WatchedThemesSchema },
    problems: []
  }),
  previewPost: defineRoute({
    operationId: 'previewPost',
    method: 'POST',
    path: '/posts/preview',
    tag,
    summary: 'Render Markdown as a post would show it, without saving anything',
    description: 'For the editor’s preview: the same renderer and sanitiser as saved posts (mentions become links).',
    audience: 'signedIn',
    body: EditPostBody,
    responses: { 200: Type.Object({ html: Type.String() }) },
    problems: []
  }),
  uploadPostImage: defineRoute({
    operationId: 'uploadPostImage',
    method: 'POST',
    path: '/images',
    tag,
    summary: 'Upload an image to show in a post',
    description:
      'multipart/form-data with one file in the field `image`: PNG, JPEG, WebP or SVG, at most 5 MB (refused as soon as the upload passes it). The format is read from the bytes, not the name. It is drawn anew as WebP, 800 and 1600 px wide at most (never enlarged; SVG rasterised; metadata dropped). Write the answer’s `markdown` into a post; an image no post uses within 24 hours is removed. Accounts less than a day old may upload 10 an hour.',
    audience: 'signedIn',
    access: 'Members whose email is confirmed.',
    upload: { field: 'image', maxBytes: POST_IMAGE_MAX_BYTES, mediaTypes: postImageTypes },
    responses: { 201: PostImageSchema },
    problems: ['email_not_verified', 'invalid_image', 'image_too_large', 'rate_limited']
  }),
  getPostImage: defineRoute({
    operationId: 'getPostImage',
    method: 'GET',
    path: '/images/{id}/{file}',
    tag,
    summary: 'An image uploaded for posts, as WebP',
    description: 'Its address never changes what it shows, so it is cached for a year.',
    audience: 'public',
    params: PostImageParams,
    responses: { 200: Type.String({ format: 'binary' }) },
    produces: ['image/webp'],
    problems: ['not_found']
  }),
  listFlaggedPosts: defineRoute({
    operationId: 'listFlaggedPosts',
    method: 'GET',
    path: '/admin/discussions/flags',
    tag: 'admin',
    summary: 'The coordinators’ queue of open flags, oldest first',
    audience: 'coordinator',
    responses: { 200: FlagQueueSchema },
    problems: []
  }),
  moderatePost: defineRoute({
    operationId: 'moderatePost',
    method: 'POST',
    path: '/admin/posts/{id}/moderation',
    tag: 'admin',
    summary: 'Hide or restore a post; resolves its open flags and writes the audit log',
    audience: 'coordinator',
    params: PostIdParams,
    body: ModeratePostBody,
    responses: { 200: PostResponseSchema },
    problems: ['not_found']
  }),
  moderateThread: defineRoute({
    operationId: 'moderateThread',
    method: 'POST',
    path: '/admin/threads/{id}/moderation',
    tag: 'admin',
    summary: 'Lock, unlock, pin, unpin or move a thread to another theme',
    audience: 'coordinator',
    params: ThreadIdParams,
    body: ModerateThreadBody,
    responses: { 200: Type.Object({ thread: ThreadCardSchema }) },
    problems: ['not_found']
  })
};

export const discussionsContract = defineContract({
  tags: { discussions: 'Discussions and Q&A: threads, replies, accepted answers, reactions, following and flags.' },
  problems: {
    thread_locked: { status: 409, description: 'The thread is locked: nobody may reply or edit.' },
    post_deleted: { status: 409, description: 'The post was deleted and cannot be edited.' },
    not_a_question: { status: 409, description: 'Only questions have an accepted answer.' },
    invalid_image: { status: 415, description: 'The file is not a PNG, JPEG, WebP or SVG image (read from its bytes), or is empty.' },
    image_too_large: { status: 413, description: 'The image is larger than 5 MB.' },
    invalid_answer: { status: 409, description: 'The post named (an accepted answer, or the post replied to) is not a visible reply in this thread.' }
  },
  routes,
  named: {
    ThreadCard: ThreadCardSchema,
    ThreadList: ThreadListSchema,
    ThreadPage: ThreadPageSchema,
    Post: PostSchema,
    NewThread: CreateThreadBody,
    ThreadUpdate: UpdateThreadBody,
    Reply: ReplyBody,
    ThreadSearchResult: ThreadSearchResultSchema,
    FlagQueue: FlagQueueSchema
  }
});
