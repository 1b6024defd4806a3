import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const { locals } = event;
  // The header's count: re-read when a live event says a notification arrived, or after an action.
  event.depends('app:notifications');
  // The count beside "Administration": re-read when `review:organisations` says it changed.
  event.depends('app:review');
  let unreadCount = 0;
  let reviewCount = 0;
  if (locals.user) {
    const staff = locals.user.role === 'coordinator' || locals.user.role === 'admin';
    const [unread, review] = await Promise.all([
      call(event, api.unreadNotificationCount, {}),
      staff ? call(event, api.reviewCount, {}) : undefined
    ]);
    // A count that cannot be read must not break every page: the header shows none.
    if (unread.ok) unreadCount = unread.data.unreadCount;
    if (review?.ok) reviewCount = review.data.pending;
  }
  return {
    user: locals.user,
    locale: locals.locale,
    timeZone: locals.timeZone,
    unreadCount,
    reviewCount
  };
};
