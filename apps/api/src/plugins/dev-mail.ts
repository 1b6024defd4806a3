import type { FastifyPluginAsync } from 'fastify';
import type { Hub } from '../hub';
import { sendProblem } from '../http/errors';
import { listStoredMail } from '../infra/mail';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const linkify = (s: string) => s.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

/**
 * /dev/mail: the outbox of the file transport, so a developer (and the browser
 * tests) can open verification and reset links. Never registered in production,
 * and it answers only this machine: every password-reset link is in it.
 */
export const devMailRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  app.addHook('onRequest', async (request, reply) => {
    // Both the connection and, behind a trusted proxy, the client it speaks for must be local.
    if (isLoopbackAddress(request.socket.remoteAddress) && isLoopbackAddress(request.ip)) return;
    return sendProblem(reply, 403, 'loopback_only', 'The development mail viewer answers only on this machine.');
  });
  app.get('/dev/mail', { schema: { hide: true } }, async (_request, reply) => {
    const mails = await listStoredMail(hub.config.mail.dir);
    const rows = mails
      .map(
        (m) => `<article><h2>${escapeHtml(m.subject)}</h2>
<p><strong>To:</strong> ${escapeHtml(m.to)} · <time datetime="${m.sentAt}">${m.sentAt}</time></p>
<pre>${linkify(escapeHtml(m.text))}</pre></article>`
      )
      .join('\n');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Outgoing mail · Mutirão</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}article{border-bottom:1px solid #ccc;padding:1rem 0}pre{white-space:pre-wrap}</style>
</head><body><main><h1>Outgoing mail (${mails.length})</h1>${rows || '<p>No mail yet.</p>'}</main></body></html>`);
  });
  app.get('/dev/mail.json', { schema: { hide: true } }, async () => listStoredMail(hub.config.mail.dir));
};
