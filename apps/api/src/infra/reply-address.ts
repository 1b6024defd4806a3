import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Signed reply addresses: `reply+<token>@<REPLY_ADDRESS_DOMAIN>`.
 *
 * The token is 32 base32 characters (lower case, so an MTA that changes the local
 * part's case does not break it): a 10-byte key, then the first 10 bytes of
 * HMAC-SHA256(secret, key). The key names a row (user, thread, post replied to)
 * that the hub keeps; the ids themselves do not fit, since three UUIDs in base32
 * would take the local part far past the 64 octets RFC 5321 allows. The key is
 * itself derived from the ids with the secret, so every mail about the same post
 * to the same person carries the same address and adds no row.
 *
 * The MAC lets the SMTP listener refuse a made-up or altered address at RCPT TO
 * without asking the database.
 */
const KEY_BYTES = 10;
const MAC_BYTES = 10;
export const REPLY_LOCAL_PREFIX = 'reply+';
const TOKEN = /^[a-z2-7]{32}$/;

function hmac(secret: string, label: string, data: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(label).update('\0').update(data).digest();
}

/** The key of the reply row for this person, thread and post (deterministic, so it is reused). */
export function replyKeyFor(secret: string, ids: { userId: string; threadId: string; postId: string | null }): string {
  const key = hmac(secret, 'mutirao-reply-key', `${ids.userId}\0${ids.threadId}\0${ids.postId ?? ''}`).subarray(0, KEY_BYTES);
  return encodeBase32LowerCaseNoPadding(key);
}

/** The token for a key: the key and its MAC, base32. */
export function replyToken(secret: string, key: string): string {
  const keyBytes = decodeBase32IgnorePadding(key.toUpperCase());
  const mac = hmac(secret, 'mutirao-reply-mac', keyBytes).subarray(0, MAC_BYTES);
  return encodeBase32LowerCaseNoPadding(Buffer.concat([keyBytes, mac]));
}

export function replyAddress(secret: string, domain: string, key: string): string {
  return `${REPLY_LOCAL_PREFIX}${replyToken(secret, key)}@${domain}`;
}

/**
 * The key a recipient address carries, or null when the address is not one of
 * ours: another domain, another local part, a token that does not decode, or a
 * MAC that does not match (compared in constant time).
 */
export function keyFromReplyAddress(secret: string, domain: string, address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const local = address.slice(0, at).toLowerCase();
  if (address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return null;
  if (!local.startsWith(REPLY_LOCAL_PREFIX)) return null;
  const token = local.slice(REPLY_LOCAL_PREFIX.length);
  if (!TOKEN.test(token)) return null;
  const bytes = decodeBase32IgnorePadding(token.toUpperCase());
  const key = bytes.subarray(0, KEY_BYTES);
  const expected = hmac(secret, 'mutirao-reply-mac', key).subarray(0, MAC_BYTES);
  if (!timingSafeEqual(expected, bytes.subarray(KEY_BYTES))) return null;
  return encodeBase32LowerCaseNoPadding(key);
}
