import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db, Tx } from '@mutirao/db';
import { mailedNotificationKinds, type Locale, type MailSettingKind } from '@mutirao/shared';
import type { Hub } from '../../hub';
import type { OutgoingMail } from '../../infra/mail';
import * as repo from './notifications.repo';

/**
 * One-click unsubscribe links (RFC 8058, RFC 2369). A link is
 * `<payload>.<signature>`: the payload names the person and the kind, the
 * signature is HMAC-SHA-256 over it with the hub's `unsubscribe` key. Nothing is
 * stored per mail, links do not expire (a mail read a year later must still
 * unsubscribe), and they can do one thing only: turn one kind of mail off.
 */
const PURPOSE = 'unsubscribe';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// The key never changes once committed, so each process reads it once per database.
const keys = new WeakMap<object, Buffer>();

/**
 * The signing key, made on first use. Read through the caller's transaction (on
 * PGlite a second connection would wait for it); cached only once it was found
 * committed, so a key made in a transaction that rolls back is never used again.
 */
async function signingKey(db: Db, tx: Tx | Db): Promise<Buffer> {
  const cached = keys.get(db);
  if (cached) return cached;
  const found = await repo.signingKey(tx, PURPOSE);
  if (found) {
    const key = Buffer.from(found, 'base64url');
    keys.set(db, key);
    return key;
  }
  // Two processes may race here: the insert does nothing for the loser, which reads the winner's key.
  await repo.insertSigningKey(tx, PURPOSE, randomBytes(32).toString('base64url'));
  return Buffer.from((await repo.signingKey(tx, PURPOSE))!, 'base64url');
}

// 128 bits of HMAC-SHA-256 are plenty against forgery and keep the link under
// Fastify's 100-character limit for a path parameter.
const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(`${PURPOSE}:${payload}`).digest().subarray(0, 16);

export async function unsubscribeToken(hub: Pick<Hub, 'db'>, tx: Tx | Db, userId: string, kind: MailSettingKind): Promise<string> {
  // The id's 16 bytes, then the kind: short enough for a path parameter.
  const payload = Buffer.concat([Buffer.from(userId.replaceAll('-', ''), 'hex'), Buffer.from(kind)]).toString('base64url');
  return `${payload}.${sign(await signingKey(hub.db, tx), payload).toString('base64url')}`;
}

/** The person and kind a token names, or null when it is malformed or its signature does not match. */
export async function readUnsubscribeToken(hub: Pick<Hub, 'db'>, token: string): Promise<{ userId: string; kind: MailSettingKind } | null> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = sign(await signingKey(hub.db, hub.db), payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const bytes = Buffer.from(payload, 'base64url');
  const hex = bytes.subarray(0, 16).toString('hex');
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const kind = bytes.subarray(16).toString('utf8');
  if (!UUID.test(userId) || !(mailedNotificationKinds as string[]).includes(kind)) return null;
  return { userId, kind: kind as MailSettingKind };
}

const footers: Record<Locale, (link: string, settings: string) => string> = {
  es: (link, settings) => `—\nPara dejar de recibir correos como este: ${link}\nTodos tus avisos por correo: ${settings}`,
  pt: (link, settings) => `—\nPara deixar de receber e-mails como este: ${link}\nTodos os seus avisos por e-mail: ${settings}`,
  en: (link, settings) => `—\nTo stop receiving emails like this: ${link}\nAll your email settings: ${settings}`
};

/**
 * A notification mail made unsubscribable: the `List-Unsubscribe` header (the API's
 * one-click address, which mail providers POST to) with `List-Unsubscribe-Post`,
 * and a visible line in the reader's language linking the page that asks before it
 * turns anything off. Transactional mail (password reset, address confirmation)
 * never goes through here: nobody may unsubscribe from those.
 */
export async function unsubscribable(
  hub: Pick<Hub, 'db' | 'config'>,
  tx: Tx,
  userId: string,
  kind: MailSettingKind,
  mail: OutgoingMail
): Promise<OutgoingMail> {
  const token = await unsubscribeToken(hub, tx, userId, kind);
  const locale = (await repo.localeOf(tx, userId)) ?? 'es';
  const origin = hub.config.publicOrigin;
  return {
    ...mail,
    text: `${mail.text}\n\n${footers[locale](`${origin}/unsubscribe/${token}`, `${origin}/account`)}`,
    headers: {
      ...mail.headers,
      'List-Unsubscribe': `<${origin}/api/unsubscribe/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
    }
  };
}
