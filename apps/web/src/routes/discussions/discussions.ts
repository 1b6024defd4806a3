import { m } from '$lib/paraglide/messages';

/** "No replies yet", "1 reply", "5 replies", in the reader's language. */
export function repliesLabel(count: number): string {
  if (count === 0) return m.discussions_replies_none();
  return count === 1 ? m.discussions_replies_one() : m.discussions_replies({ count });
}
