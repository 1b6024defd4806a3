import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationSettings, users } from '@mutirao/db';
import type { MailSettingKind } from '@mutirao/shared';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import type { StoredMail } from '../../infra/mail';
import { wantsMail } from './notifications.service';
import { unsubscribeToken } from './unsubscribe';

let t: TestHub;
let asker: TestUser;
let publicHost: string;

beforeAll(async () => {
  t = await createTestHub();
  asker = await t.createUser({ name: 'Ana Souza' });
  await t.hub.db.execute(sql`update users set created_at = now() - interval '2 days'`);
  publicHost = new URL(t.config.publicOrigin).host;
});
afterAll(async () => {
  await t?.close();
});

const wants = (userId: string, kind: MailSettingKind) => t.hub.db.transaction((tx) => wantsMail(tx, userId, kind));
const settingsRows = async (userId: string) =>
  t.hub.db.select({ kind: notificationSettings.kind, email: notificationSettings.email }).from(notificationSettings).where(eq(notificationSettings.userId, userId));

/** A mention mailed to a new person (in Portuguese), and that mail. */
async function mentionMailTo(name: string): Promise<{ person: TestUser; mail: StoredMail }> {
  const person = await t.createUser({ name });
  await t.hub.db.update(users).set({ locale: 'pt' }).where(eq(users.id, person.id));
  const response = await t.request({
    method: 'POST',
    url: '/api/threads',
    cookie: asker.cookie,
    payload: {
      kind: 'discussion',
      title: `Mutirões de autoconstrução ${name}`,
      body: `O que você acha, @${name.replace(' ', '_')}?`,
      theme: 'incremental_housing',
      language: 'pt',
      countries: ['BR'],
      tags: []
    }
  });
  expect(response.statusCode, response.body).toBe(201);
  const mail = (await t.mail()).find((m) => m.to === person.email && m.kind === 'discussion.mention');
  expect(mail).toBeDefined();
  return { person, mail: mail! };
}

/** The token of the mail's `List-Unsubscribe` address. */
const tokenOf = (mail: StoredMail) => mail.headers!['List-Unsubscribe'].match(/\/api\/unsubscribe\/([\w-]+\.[\w-]+)>$/)![1];

/** As a mail provider sends it: no cookie, no Origin, the RFC 8058 body. */
const oneClick = (token: string, headers: Record<string, string> = {}, payload = 'List-Unsubscribe=One-Click') =>
  t.app.inject({
    method: 'POST',
    url: `/api/unsubscribe/${token}`,
    headers: { host: publicHost, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload
  });

describe('unsubscribe headers', () => {
  it('are on notification mail, with a visible link in the reader’s language, and not on a password reset', async () => {
    const { mail } = await mentionMailTo('Bruna Campos');
    expect(mail.headers?.['List-Unsubscribe']).toMatch(new RegExp(`^<${t.config.publicOrigin}/api/unsubscribe/[\\w-]+\\.[\\w-]+>$`));
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`Para deixar de receber e-mails como este: ${t.config.publicOrigin}/unsubscribe/${tokenOf(mail)}`);
    expect(mail.text).toContain(`Todos os seus avisos por e-mail: ${t.config.publicOrigin}/account`);

    const reset = await t.request({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: asker.email } });
    expect(reset.statusCode, reset.body).toBe(202);
    const resetMail = (await t.mail()).find((m) => m.to === asker.email && m.kind === 'reset');
    expect(resetMail).toBeDefined();
    expect(resetMail!.headers).toBeUndefined();
    expect(resetMail!.text).not.toContain('/unsubscribe/');
  });
});

describe('POST /api/unsubscribe/{token}', () => {
  it('turns that kind of mail off without a session or an Origin, and only that kind', async () => {
    const { person, mail } = await mentionMailTo('Caio Ramos');
    expect(await wants(person.id, 'discussion.mention')).toBe(true);
    const response = await oneClick(tokenOf(mail));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ kind: 'discussion.mention', address: 'p•••@example.org', email: false });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await wants(person.id, 'discussion.mention')).toBe(false);
    expect(await wants(person.id, 'discussion.accepted')).toBe(true);
    expect(await wants(person.id, 'discussion.digest')).toBe(true);
    // Pressing again (or the provider retrying) is harmless.
    expect((await oneClick(tokenOf(mail))).statusCode).toBe(200);
    expect(await settingsRows(person.id)).toEqual([{ kind: 'discussion.mention', email: false }]);
  });

  it('accepts the body as multipart, as RFC 8058 prefers, and a foreign Origin', async () => {
    const person = await t.createUser();
    const token = await unsubscribeToken(t.hub, t.hub.db, person.id, 'discussion.digest');
    const boundary = 'xYzZY';
    const response = await oneClick(
      token,
      { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'https://mail.example.com' },
      `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(await wants(person.id, 'discussion.digest')).toBe(false);
  });

  it('refuses an altered or made-up token with a problem, and changes nothing', async () => {
    const { person, mail } = await mentionMailTo('Dora Nunes');
    const token = tokenOf(mail);
    const [payload, signature] = token.split('.');
    const idBytes = Buffer.from(payload, 'base64url').subarray(0, 16);
    const other = await t.createUser();
    const forged = [
      // Another kind, the same signature.
      `${Buffer.concat([idBytes, Buffer.from('discussion.accepted')]).toString('base64url')}.${signature}`,
      // Another person, the same signature.
      `${Buffer.concat([Buffer.from(other.id.replaceAll('-', ''), 'hex'), Buffer.from('discussion.mention')]).toString('base64url')}.${signature}`,
      // A signature changed by one character.
      `${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`,
      `${payload}.`,
      'garbage'
    ];
    for (const bad of forged) {
      const response = await oneClick(bad);
      expect(response.statusCode, bad).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(['invalid_unsubscribe_link', 'validation_failed']).toContain(response.json().code);
    }
    expect((await oneClick(forged[0])).json().code).toBe('invalid_unsubscribe_link');
    expect(await settingsRows(person.id)).toEqual([]);
    expect(await settingsRows(other.id)).toEqual([]);
    expect(await wants(person.id, 'discussion.accepted')).toBe(true);
  });
});

describe('GET /api/unsubscribe/{token}', () => {
  it('says what the link would turn off and changes nothing', async () => {
    const { person, mail } = await mentionMailTo('Edu Prado');
    const response = await t.app.inject({ method: 'GET', url: `/api/unsubscribe/${tokenOf(mail)}`, headers: { host: publicHost } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ kind: 'discussion.mention', address: 'p•••@example.org', email: true });
    expect(await wants(person.id, 'discussion.mention')).toBe(true);
    expect(await settingsRows(person.id)).toEqual([]);
    const bad = await t.app.inject({ method: 'GET', url: `/api/unsubscribe/${tokenOf(mail)}x`, headers: { host: publicHost } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_unsubscribe_link');
  });
});
