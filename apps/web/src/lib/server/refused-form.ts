import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '@mutirao/shared/locales';
import { m } from '$lib/paraglide/messages';

/** The code the error page (+error.svelte) recognises, as handleError's codes are. */
export const REFUSED_FORM = 'cross_origin_form';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The answer to a form sent from another origin: nothing was done, and the page says so
 * in the person's language, with the address to use instead. A form sent by
 * `use:enhance` gets an action result, which shows the same words on the error page.
 */
export function refusedFormResponse(event: RequestEvent, locale: Locale): Response {
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  const origin = event.url.origin;
  if (event.request.headers.get('x-sveltekit-action') === 'true') {
    const error: App.Error = { message: REFUSED_FORM, origin };
    return new Response(JSON.stringify({ type: 'error', status: 403, error }), {
      status: 403,
      headers: { ...headers, 'content-type': 'application/json' }
    });
  }
  const title = m.form_refused_title({}, { locale });
  const text = m.form_refused_text({ origin }, { locale });
  const link = m.form_refused_link({}, { locale });
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Mutirão</title>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
<p><a href="${escapeHtml(origin + event.url.pathname)}">${escapeHtml(link)}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 403,
    headers: {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      // No script, style or form of its own; nothing may frame it.
      'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'x-frame-options': 'DENY'
    }
  });
}
