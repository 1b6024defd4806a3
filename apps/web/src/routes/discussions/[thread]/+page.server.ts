import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { api, POSTS_PAGE_SIZE } from '@mutirao/shared';
import { call } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { attachFormImage, failDiscussion, failImage, threadIdOf } from '../discussions.server';
import type { Actions, PageServerLoad } from './$types';

function idOf(event: RequestEvent): string {
  const id = threadIdOf(event.params.thread ?? '');
  if (!id) error(404, 'not_found');
  return id;
}

/**
 * The thread page. Without `page`, the API picks the page holding the reader's first
 * unread reply; `post=<n>` (links from notifications) opens the page holding post n.
 * The live component invalidates `app:thread` when the thread changes.
 */
export const load: PageServerLoad = async (event) => {
  event.depends('app:thread');
  const id = idOf(event);
  const params = event.url.searchParams;
  const pageParam = Number.parseInt(params.get('page') ?? '', 10);
  const postParam = Number.parseInt(params.get('post') ?? '', 10);
  const page = pageParam > 0 ? pageParam : postParam > 1 ? Math.floor((postParam - 2) / POSTS_PAGE_SIZE) + 1 : undefined;
  const [result, related] = await Promise.all([
    call(event, api.getThread, { params: { id }, query: page ? { page } : {} }),
    // Library resources naming this thread as related; the thread reads fine without them.
    call(event, api.relatedResources, { params: { kind: 'thread', id } })
  ]);
  if (!result.ok) error(result.status === 400 ? 404 : result.status, result.problem.code);
  return {
    thread: result.data,
    related: related.ok ? related.data.items : [],
    editing: params.get('edit') ?? '',
    replyTo: params.get('reply') ?? '',
    flagging: params.get('flag') ?? ''
  };
};

function signedIn(event: RequestEvent) {
  if (!event.locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`);
}

/** Each action answers with the form that failed, or `done` for a notice; the load then shows the thread as it is now. */
export const actions: Actions = {
  reply: async (event) => {
    signedIn(event);
    const data = await event.request.formData();
    const values = { body: formText(data, 'body'), replyTo: formText(data, 'replyTo') };
    const attached = await attachFormImage(event, data, values.body);
    if (!attached.ok) return failImage(attached, values, 'reply');
    values.body = attached.body;
    const result = await call(event, api.replyToThread, {
      params: { id: idOf(event) },
      body: { body: values.body, replyTo: values.replyTo || null }
    });
    if (!result.ok) return failDiscussion(result.status, result.problem, values, 'reply');
    redirect(303, `${event.url.pathname}?post=${result.data.post.number}#post-${result.data.post.number}`);
  },

  edit: async (event) => {
    signedIn(event);
    const data = await event.request.formData();
    const values = { postId: formText(data, 'postId'), body: formText(data, 'body'), title: formText(data, 'title') };
    const opening = formText(data, 'opening') === 'true';
    const attached = await attachFormImage(event, data, values.body);
    if (!attached.ok) return failImage(attached, values, `edit:${values.postId}`);
    values.body = attached.body;
    const result = opening
      ? await call(event, api.updateThread, { params: { id: idOf(event) }, body: { title: values.title.trim(), body: values.body } })
      : await call(event, api.editPost, { params: { id: values.postId }, body: { body: values.body } });
    if (!result.ok) return failDiscussion(result.status, result.problem, values, `edit:${values.postId}`);
    redirect(303, event.url.pathname);
  },

  delete: async (event) => {
    signedIn(event);
    const postId = formText(await event.request.formData(), 'postId');
    const result = await call(event, api.deletePost, { params: { id: postId } });
    if (!result.ok) return failDiscussion(result.status, result.problem, {}, `post:${postId}`);
    return { done: 'deleted' };
  },

  accept: async (event) => {
    signedIn(event);
    const postId = formText(await event.request.formData(), 'postId');
    const result = await call(event, api.acceptAnswer, { params: { id: idOf(event) }, body: { postId: postId || null } });
    if (!result.ok) return failDiscussion(result.status, result.problem, {}, `post:${postId}`);
    return { done: 'accepted' };
  },

  helpful: async (event) => {
    signedIn(event);
    const data = await event.request.formData();
    const postId = formText(data, 'postId');
    const undo = formText(data, 'undo') === 'true';
    const result = undo
      ? await call(event, api.unreactToPost, { params: { id: postId } })
      : await call(event, api.reactToPost, { params: { id: postId } });
    if (!result.ok) return failDiscussion(result.status, result.problem, {}, `post:${postId}`);
    return { done: 'reacted' };
  },

  flag: async (event) => {
    signedIn(event);
    const data = await event.request.formData();
    const values = { postId: formText(data, 'postId'), reason: formText(data, 'reason'), note: formText(data, 'note') };
    const result = await call(event, api.flagPost, {
      params: { id: values.postId },
      body: { reason: values.reason, ...(values.note.trim() && { note: values.note.trim() }) }
    });
    if (!result.ok) return failDiscussion(result.status, result.problem, values, `flag:${values.postId}`);
    return { done: 'flagged', postId: values.postId };
  },

  follow: async (event) => {
    signedIn(event);
    const level = formText(await event.request.formData(), 'level');
    const result = await call(event, api.followThread, { params: { id: idOf(event) }, body: { level } });
    if (!result.ok) return failDiscussion(result.status, result.problem, {}, 'follow');
    return { done: 'following' };
  },

  moderatePost: async (event) => {
    signedIn(event);
    const data = await event.request.formData();
    const postId = formText(data, 'postId');
    const result = await call(event, api.moderatePost, { params: { id: postId }, body: { action: formText(data, 'action') } });
    if (!result.ok) return failDiscussion(result.status, result.problem, {}, `post:${postId}`);
    return { done: 'moderated' };
  },

  moderateThread: async (event) => {
    signedIn(event);
    const data = await event.request.formData();
    const theme = formText(data, 'theme');
    const result = await call(event, api.moderateThread, {
      params: { id: idOf(event) },
      body: { action: formText(data, 'action'), ...(theme && { theme }) }
    });
    if (!result.ok) return failDiscussion(result.status, result.problem, {}, 'moderation');
    return { done: 'moderated' };
  }
};

