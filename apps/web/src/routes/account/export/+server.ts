import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { call } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** The export as a file download, so a plain link works without JavaScript. */
export const GET: RequestHandler = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/account');
  const result = await call(event, api.exportMyData, {});
  if (!result.ok) error(result.status, result.problem.code);
  return new Response(JSON.stringify(result.data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="mutirao-data-${result.data.exportedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store'
    }
  });
};
