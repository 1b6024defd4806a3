import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** The error message (a code the error page translates) for a POST whose body is not a readable form. */
export const MALFORMED_FORM = 'malformed_form';

/** An error that already says what went wrong over HTTP (SvelteKit's 413 for a body over its limit…). */
function carriesStatus(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (typeof (e as { status?: unknown }).status === 'number') return true;
  }
  return false;
}

/**
 * Makes reading this request's form answer 400 instead of 500 when the body is
 * not a form (no or another Content-Type) or is broken (cut-off multipart). Set
 * on every POST in hooks.server.ts, so each form action and endpoint gets it
 * without reading the body differently.
 */
export function guardFormReading(request: Request): void {
  const read = request.formData.bind(request);
  request.formData = async () => {
    try {
      return await read();
    } catch (err) {
      if (carriesStatus(err)) throw err;
      error(400, MALFORMED_FORM);
    }
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page an endpoint (a `+server.ts`, which cannot render the app's error
 * page) answers when its form cannot be read: plain, in the reader's language.
 */
export function malformedFormPage(locale: string): Response {
  const title = escapeHtml(m.error_malformed_form_title());
  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Mutirão</title></head>
<body><main><p>${escapeHtml(m.error_status({ status: 400 }))}</p><h1>${title}</h1>
<p>${escapeHtml(m.error_malformed_form_text())}</p><p><a href="/">${escapeHtml(m.error_home_link())}</a></p></main></body></html>`;
  return new Response(html, {
    status: 400,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" }
  });
}
