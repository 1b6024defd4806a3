import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  user: locals.user,
  locale: locals.locale,
  timeZone: locals.timeZone
});
