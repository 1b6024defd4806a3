import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const { locals } = event;
  // The header's count: re-read when a live event says a notification arrived, or after an action.
  event.depends('app:notifications');
  let unreadCount = 0;
  if (locals.user) {
    const unread = await call(event, api.unreadNotificationCount, {});
    // A count that cannot be read must not break every page: the header shows none.
    if (unread.ok) unreadCount = unread.data.unreadCount;
  }
  return {
    user: locals.user,
    locale: locals.locale,
    timeZone: locals.timeZone,
    unreadCount
  };
};
