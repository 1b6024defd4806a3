import { isStaff, type Actor } from '../../auth/can';
import { forbidden, notFound, unauthorized } from '../../http/errors';

export type DiscussionAction =
  /** Read a thread or a post. Public, except what a coordinator hid. */
  | 'view'
  /** Edit or delete a post (and, for the opening post, the thread's title and fields). */
  | 'edit'
  /** Accept a reply as the answer to a question. */
  | 'accept'
  /** Reply, react, flag, follow: anything a reader who is signed in may do. */
  | 'takePart'
  /** Hide or restore posts, lock, pin, move threads, read the flag queue. */
  | 'moderate';

export interface PostFacts {
  authorId: string | null;
  hiddenAt: Date | null;
}

export interface ThreadFacts {
  authorId: string | null;
  /** The opening post: hiding it hides the thread. */
  opening: PostFacts;
}

const isAuthor = (actor: Actor | null | undefined, record: { authorId: string | null }) =>
  !!actor && record.authorId !== null && record.authorId === actor.id;

/** Whether the reader may see this post at all: hidden ones only by their author and coordinators. */
export const canSeePost = (actor: Actor | null | undefined, post: PostFacts) => !post.hiddenAt || isStaff(actor) || isAuthor(actor, post);

/**
 * The one place that says who may do what in discussions. Everything is public to
 * read except what coordinators hid; authors look after their own posts; the asker
 * accepts the answer; coordinators (and hub admins) may do all of it.
 */
export function canDiscussion(actor: Actor | null | undefined, action: DiscussionAction, thread: ThreadFacts, post?: PostFacts): boolean {
  const staff = isStaff(actor);
  const visible = canSeePost(actor, thread.opening) && (!post || canSeePost(actor, post));
  switch (action) {
    case 'view':
      return visible;
    case 'takePart':
      return visible && !!actor;
    case 'edit':
      return visible && (staff || isAuthor(actor, post ?? thread.opening));
    case 'accept':
      return visible && (staff || isAuthor(actor, thread));
    case 'moderate':
      return staff;
  }
}

/**
 * Throws what a refused person gets: 401 for visitors, 404 for what they may not
 * see (a hidden thread or post is not confirmed to exist), 403 for the wrong person.
 */
export function authorizeDiscussion(actor: Actor | null | undefined, action: DiscussionAction, thread: ThreadFacts | undefined, post?: PostFacts): asserts thread is ThreadFacts {
  if (action !== 'view' && !actor) throw unauthorized();
  if (!thread || !canDiscussion(actor, 'view', thread, post)) throw notFound('No such thread or post.');
  if (!canDiscussion(actor, action, thread, post)) throw forbidden();
}
