import { connect } from 'node:net';
import { and, count, eq, sql } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundReplies, mailReplyKeys, posts } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import type { InboundSmtp } from '../../infra/inbound-smtp';
import { startInboundMail } from '../../inbound-mail';

const DOMAIN = 'reply.hub.test';
const REPLY_ADDRESS = /^reply\+[a-z2-7]{32}@reply\.hub\.test$/;

/**
 * The hub's outgoing mail goes to a real SMTP server (smtp-server) that keeps
 * every message, so the test reads the headers another mail server would get.
 */
async function startCatcher() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (err: Error) => callback(err)
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let t: TestHub;
let catcher: Awaited<ReturnType<typeof startCatcher>>;
let inbound: InboundSmtp;
let asker: TestUser;
let replier: TestUser;
let coordinator: TestUser;
let sender: nodemailer.Transporter;

beforeAll(async () => {
  catcher = await startCatcher();
  t = await createTestHub({
    SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
    REPLY_ADDRESS_DOMAIN: DOMAIN,
    REPLY_ADDRESS_SECRET: 'a-test-secret-of-at-least-thirty-two-chars',
    INBOUND_SMTP_PORT: '0',
    INBOUND_MAIL_MAX_BYTES: '20000'
  });
  asker = await t.createUser({ name: 'Ana Souza' });
  replier = await t.createUser({ name: 'Rafael Duarte' });
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
  // They post all through the file: not new accounts.
  await t.hub.db.execute(sql`update users set created_at = now() - interval '2 days'`);
  inbound = (await startInboundMail(t.config, t.hub))!;
  // The sending side: nodemailer speaking SMTP to the hub's listener, as a person's mail server would.
  sender = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  sender?.close();
  await inbound?.close();
  await t?.close();
  await catcher?.close();
});

let seq = 0;
async function threadMentioning(user: TestUser) {
  const created = await t.request({
    method: 'POST',
    url: '/api/threads',
    cookie: asker.cookie,
    payload: { kind: 'question', title: `¿Fondos rotatorios? ${++seq}`, body: 'Buscamos experiencias.', theme: 'housing_finance', language: 'es', countries: ['PE'], tags: [] }
  });
  expect(created.statusCode, created.body).toBe(201);
  const threadId = created.json().thread.id as string;
  const mention = await t.request({
    method: 'POST',
    url: `/api/threads/${threadId}/posts`,
    cookie: asker.cookie,
    payload: { body: `@${user === replier ? 'Rafael_Duarte' : 'Carla_Coordinadora'} ¿cómo lo hicieron en Lima?` }
  });
  expect(mention.statusCode, mention.body).toBe(201);
  return { threadId, mentionPostId: mention.json().post.id as string };
}

/** The newest mail the catcher got for this person about this thread, once the hub's jobs ran. */
async function mentionMailTo(user: TestUser, threadId: string): Promise<ParsedMail> {
  await t.drainJobs();
  const mail = catcher.received.findLast((m) => m.text?.includes(`/discussions/${threadId}`) && (m.to as { text: string }).text === user.email);
  if (!mail) throw new Error(`no mail to ${user.email} about ${threadId}`);
  return mail;
}

const replyAddressOf = (mail: ParsedMail) => mail.replyTo?.value[0]?.address ?? '';

async function postsOf(threadId: string) {
  return t.hub.db.select().from(posts).where(eq(posts.threadId, threadId)).orderBy(posts.number);
}

async function statusOf(userId: string, messageKey: string) {
  const [row] = await t.hub.db
    .select({ status: inboundReplies.status, reason: inboundReplies.reason })
    .from(inboundReplies)
    .where(and(eq(inboundReplies.userId, userId), eq(inboundReplies.messageKey, messageKey)));
  return row;
}

/** Speaks SMTP line by line to the listener, returning the final line of each reply (greeting first). */
async function rawSession(commands: string[]): Promise<string[]> {
  const socket = connect(inbound.port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.on('data', (data) => {
      buffer += data.toString();
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        // "250-…" continues a reply; "250 …" ends it, and the next command goes.
        if (/^\d{3} /.test(line)) {
          replies.push(line);
          if (next < commands.length) socket.write(`${commands[next++]}\r\n`);
        }
      }
    });
  });
  return replies;
}

let messages = 0;
const messageId = () => `<reply-${process.pid}-${++messages}@mail.example.org>`;

describe('reply by mail', () => {
  it('sends discussion mail with a signed Reply-To, and a reply becomes a post in the thread without the quote and signature', async () => {
    const { threadId, mentionPostId } = await threadMentioning(replier);
    const mail = await mentionMailTo(replier, threadId);
    const address = replyAddressOf(mail);
    expect(address).toMatch(REPLY_ADDRESS);
    expect(mail.text).toContain('You can reply to this email');

    const id = messageId();
    const info = await sender.sendMail({
      from: `Rafael Duarte <${replier.email}>`,
      to: address,
      subject: `Re: ${mail.subject}`,
      messageId: id,
      text: `En Lima usamos un **fondo rotatorio** con la municipalidad.\n\nOn Mon, 30 Nov 2026 at 10:00, Mutirão <no-reply@mutirao.localhost> wrote:\n> ${mail.text?.split('\n').join('\n> ')}\n\n-- \nRafael`
    });
    expect(info.accepted).toEqual([address]);
    await t.drainJobs();

    const thread = await postsOf(threadId);
    const posted = thread.at(-1)!;
    expect(posted).toMatchObject({ number: 3, authorId: replier.id, replyToPostId: mentionPostId, bodySource: 'En Lima usamos un **fondo rotatorio** con la municipalidad.' });
    expect(posted.bodyHtml).toBe('<p>En Lima usamos un <strong>fondo rotatorio</strong> con la municipalidad.</p>');
    expect(await statusOf(replier.id, id)).toEqual({ status: 'posted', reason: null });
    // Readers see it like any reply.
    const page = await t.request({ method: 'GET', url: `/api/threads/${threadId}`, cookie: asker.cookie });
    expect(page.json().posts.map((p: { html: string }) => p.html)).toContain(posted.bodyHtml);
  });

  it('puts a Reply-To on the accepted-answer mail too; a reply to it answers the thread, not a post', async () => {
    const { threadId } = await threadMentioning(replier);
    const answer = await t.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, cookie: replier.cookie, payload: { body: 'Con un fondo rotatorio.' } });
    expect(answer.statusCode, answer.body).toBe(201);
    const accept = await t.request({ method: 'PUT', url: `/api/threads/${threadId}/accepted-answer`, cookie: asker.cookie, payload: { postId: answer.json().post.id } });
    expect(accept.statusCode, accept.body).toBe(200);
    await t.drainJobs();
    const mail = catcher.received.findLast((m) => m.subject?.includes('was accepted') && m.text?.includes(`/discussions/${threadId}`));
    const address = replyAddressOf(mail!);
    expect(address).toMatch(REPLY_ADDRESS);
    await sender.sendMail({ from: replier.email, to: address, subject: `Re: ${mail!.subject}`, messageId: messageId(), text: '¡Gracias!' });
    await t.drainJobs();
    expect((await postsOf(threadId)).at(-1)).toMatchObject({ authorId: replier.id, bodySource: '¡Gracias!', replyToPostId: null });
  });

  it('takes the HTML part as text when there is no plain one, without the quoted block', async () => {
    const { threadId } = await threadMentioning(replier);
    const address = replyAddressOf(await mentionMailTo(replier, threadId));
    await sender.sendMail({
      from: replier.email,
      to: address,
      subject: 'Re: mention',
      messageId: messageId(),
      html: '<div>Con <b>ahorro previo</b> y subsidio.</div><div><br></div><blockquote>Ana mencionó: ¿cómo lo hicieron?</blockquote>'
    });
    await t.drainJobs();
    const posted = (await postsOf(threadId)).at(-1)!;
    expect(posted.authorId).toBe(replier.id);
    expect(posted.bodySource).toContain('Con ahorro previo y subsidio.');
    expect(posted.bodySource).not.toContain('Ana mencionó');
  });

  it('refuses a tampered or unknown address with 550 at RCPT TO, and posts nothing', async () => {
    const { threadId } = await threadMentioning(replier);
    const address = replyAddressOf(await mentionMailTo(replier, threadId));
    const token = address.slice('reply+'.length, address.indexOf('@'));
    const tampered = `reply+${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}@${DOMAIN}`;
    const before = (await postsOf(threadId)).length;
    for (const to of [tampered, `reply+${'a'.repeat(32)}@${DOMAIN}`, `postmaster@${DOMAIN}`, address.replace(DOMAIN, 'elsewhere.test')]) {
      const refused = await sender.sendMail({ from: replier.email, to, subject: 'Re', messageId: messageId(), text: 'Hola' }).catch((err: { responseCode?: number; code?: string }) => err);
      expect(refused, to).toMatchObject({ responseCode: 550, code: 'EENVELOPE' });
    }
    await t.drainJobs();
    expect(await postsOf(threadId)).toHaveLength(before);
  });

  it('posts a message delivered twice (the same Message-ID) once', async () => {
    const { threadId } = await threadMentioning(replier);
    const address = replyAddressOf(await mentionMailTo(replier, threadId));
    const id = messageId();
    const mail = { from: replier.email, to: address, subject: 'Re', messageId: id, text: 'Una sola vez.' };
    await sender.sendMail(mail);
    await sender.sendMail(mail);
    await t.drainJobs();
    await sender.sendMail(mail);
    await t.drainJobs();
    const texts = (await postsOf(threadId)).map((p) => p.bodySource);
    expect(texts.filter((s) => s === 'Una sola vez.')).toHaveLength(1);
    const [{ n }] = await t.hub.db.select({ n: count() }).from(inboundReplies).where(eq(inboundReplies.messageKey, id));
    expect(n).toBe(1);
  });

  it('does not post into a locked thread, and tells the author by mail in their language', async () => {
    const { threadId } = await threadMentioning(replier);
    const address = replyAddressOf(await mentionMailTo(replier, threadId));
    const lock = await t.request({ method: 'POST', url: `/api/admin/threads/${threadId}/moderation`, cookie: coordinator.cookie, payload: { action: 'lock' } });
    expect(lock.statusCode, lock.body).toBe(200);
    const before = (await postsOf(threadId)).length;
    const id = messageId();
    await t.hub.db.execute(sql`update users set locale = 'pt' where id = ${replier.id}`);
    // Accepted at SMTP level (the listener decides nothing about threads); the job refuses it.
    const info = await sender.sendMail({ from: replier.email, to: address, subject: 'Re', messageId: id, text: '¿Sigue abierto?' });
    expect(info.accepted).toEqual([address]);
    await t.drainJobs();
    expect(await postsOf(threadId)).toHaveLength(before);
    expect(await statusOf(replier.id, id)).toEqual({ status: 'refused', reason: 'thread_locked' });
    await t.drainJobs();
    await t.hub.db.execute(sql`update users set locale = 'en' where id = ${replier.id}`);
    const bounce = catcher.received.findLast((m) => m.subject?.startsWith('Sua resposta a') && (m.to as { text: string }).text === replier.email);
    expect(bounce?.subject).toMatch(/não foi publicada$/);
    expect(bounce?.text).toContain('O debate está fechado');
    expect(bounce?.replyTo).toBeUndefined();
  });

  it('drops a reply whose From is not the account’s address, one that is only a quote, an automatic answer, and one from an unverified account', async () => {
    const { threadId } = await threadMentioning(replier);
    const address = replyAddressOf(await mentionMailTo(replier, threadId));
    const before = (await postsOf(threadId)).length;
    const forged = messageId();
    await sender.sendMail({ from: 'someone@elsewhere.test', to: address, subject: 'Re', messageId: forged, text: 'Compren aquí' });
    const empty = messageId();
    await sender.sendMail({ from: replier.email, to: address, subject: 'Re', messageId: empty, text: '\nOn Mon, Ana <a@b.test> wrote:\n> pregunta' });
    await sender.sendMail({ from: replier.email, to: address, subject: 'Fuera de la oficina', messageId: messageId(), headers: { 'Auto-Submitted': 'auto-replied' }, text: 'Vuelvo el lunes.' });
    await t.drainJobs();
    // An account whose address is not verified (any more) does not post by mail.
    await t.hub.db.execute(sql`update users set email_verified_at = null where id = ${replier.id}`);
    const unverified = messageId();
    await sender.sendMail({ from: replier.email, to: address, subject: 'Re', messageId: unverified, text: 'Hola' });
    await t.drainJobs();
    await t.hub.db.execute(sql`update users set email_verified_at = now() where id = ${replier.id}`);
    expect(await statusOf(replier.id, unverified)).toEqual({ status: 'dropped', reason: 'account' });
    expect(await postsOf(threadId)).toHaveLength(before);
    expect(await statusOf(replier.id, forged)).toEqual({ status: 'dropped', reason: 'sender_mismatch' });
    expect(await statusOf(replier.id, empty)).toEqual({ status: 'dropped', reason: 'empty' });
  });

  it('drops a reply to a thread a coordinator hid, without a word to the sender', async () => {
    const { threadId } = await threadMentioning(replier);
    const address = replyAddressOf(await mentionMailTo(replier, threadId));
    const [opening] = await postsOf(threadId);
    const hide = await t.request({ method: 'POST', url: `/api/admin/posts/${opening.id}/moderation`, cookie: coordinator.cookie, payload: { action: 'hide' } });
    expect(hide.statusCode, hide.body).toBe(200);
    const before = (await postsOf(threadId)).length;
    const id = messageId();
    const mailsBefore = catcher.received.length;
    await sender.sendMail({ from: replier.email, to: address, subject: 'Re', messageId: id, text: 'Hola' });
    await t.drainJobs();
    expect(await postsOf(threadId)).toHaveLength(before);
    expect(await statusOf(replier.id, id)).toEqual({ status: 'dropped', reason: 'not_found' });
    await t.drainJobs();
    expect(catcher.received.slice(mailsBefore).filter((m) => (m.to as { text: string }).text === replier.email)).toEqual([]);
  });

  it('applies the new-account rules: a link from an account under a day old waits hidden for review', async () => {
    const newcomer = await t.createUser({ name: 'Nina Nueva' });
    const created = await t.request({
      method: 'POST',
      url: '/api/threads',
      cookie: asker.cookie,
      payload: { kind: 'discussion', title: `Bienvenida ${++seq}`, body: '@Nina_Nueva ¡hola!', theme: 'housing_finance', language: 'es', countries: [], tags: [] }
    });
    expect(created.statusCode, created.body).toBe(201);
    const threadId = created.json().thread.id as string;
    const address = replyAddressOf(await mentionMailTo(newcomer, threadId));
    await sender.sendMail({ from: newcomer.email, to: address, subject: 'Re', messageId: messageId(), text: 'Miren https://ofertas.example/credito' });
    await t.drainJobs();
    const posted = (await postsOf(threadId)).at(-1)!;
    expect(posted.authorId).toBe(newcomer.id);
    expect(posted.hiddenAt).not.toBeNull();
  });

  it('stops an erased account’s addresses: 550, and its reply keys and received replies are gone', async () => {
    const leaving = await t.createUser({ name: 'Lucia Lopez' });
    await t.hub.db.execute(sql`update users set created_at = now() - interval '2 days' where id = ${leaving.id}`);
    const created = await t.request({
      method: 'POST',
      url: '/api/threads',
      cookie: asker.cookie,
      payload: { kind: 'discussion', title: `Salida ${++seq}`, body: '@Lucia_Lopez ¿vienes?', theme: 'housing_finance', language: 'es', countries: [], tags: [] }
    });
    expect(created.statusCode, created.body).toBe(201);
    const address = replyAddressOf(await mentionMailTo(leaving, created.json().thread.id));
    await sender.sendMail({ from: leaving.email, to: address, subject: 'Re', messageId: messageId(), text: 'Sí.' });
    await t.drainJobs();
    const keysOf = async () => {
      const [keys] = await t.hub.db.select({ n: count() }).from(mailReplyKeys).where(eq(mailReplyKeys.userId, leaving.id));
      const [replies] = await t.hub.db.select({ n: count() }).from(inboundReplies).where(eq(inboundReplies.userId, leaving.id));
      return { keys: keys.n, replies: replies.n };
    };
    expect(await keysOf()).toEqual({ keys: 1, replies: 1 });
    const erased = await t.request({ method: 'POST', url: '/api/me/delete', cookie: leaving.cookie, payload: { password: leaving.password, confirm: true } });
    expect(erased.statusCode, erased.body).toBe(204);
    expect(await keysOf()).toEqual({ keys: 0, replies: 0 });
    const refused = await sender.sendMail({ from: leaving.email, to: address, subject: 'Re', messageId: messageId(), text: 'Otra vez' }).catch((err: { responseCode?: number }) => err);
    expect(refused).toMatchObject({ responseCode: 550 });
  });

  it('refuses a message over the size limit with 552, whether the sender declares its size or not', async () => {
    const { threadId } = await threadMentioning(replier);
    const address = replyAddressOf(await mentionMailTo(replier, threadId));
    const before = (await postsOf(threadId)).length;
    const refused = await sender
      .sendMail({ from: replier.email, to: address, subject: 'Re', messageId: messageId(), text: 'x'.repeat(30_000) })
      .catch((err: { responseCode?: number }) => err);
    expect(refused).toMatchObject({ responseCode: 552 });
    // A client that sends no SIZE parameter learns it at the end of DATA.
    const replies = await rawSession([
      'EHLO client.test',
      `MAIL FROM:<${replier.email}>`,
      `RCPT TO:<${address}>`,
      'DATA',
      `From: ${replier.email}\r\nTo: ${address}\r\nSubject: Re\r\nMessage-ID: ${messageId()}\r\n\r\n${'y'.repeat(76).concat('\r\n').repeat(400)}.`,
      'QUIT'
    ]);
    expect(replies.map((r) => r.slice(0, 3))).toEqual(['220', '250', '250', '250', '354', '552', '221']);
    await t.drainJobs();
    expect(await postsOf(threadId)).toHaveLength(before);
  });
});

describe('without reply by mail configured', () => {
  let plain: TestHub;
  beforeAll(async () => {
    plain = await createTestHub();
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('sends discussion mail without a Reply-To, and starts no listener', async () => {
    const author = await plain.createUser({ name: 'Ana Souza' });
    const mentioned = await plain.createUser({ name: 'Rafael Duarte' });
    await plain.hub.db.execute(sql`update users set created_at = now() - interval '2 days'`);
    const created = await plain.request({
      method: 'POST',
      url: '/api/threads',
      cookie: author.cookie,
      payload: { kind: 'discussion', title: 'Mejoramiento barrial', body: '@Rafael_Duarte ¿qué opinas?', theme: 'housing_finance', language: 'es', countries: [], tags: [] }
    });
    expect(created.statusCode, created.body).toBe(201);
    const mail = (await plain.mail()).find((m) => m.to === mentioned.email && m.kind === 'discussion.mention');
    expect(mail).toBeDefined();
    expect(mail!.replyTo).toBeUndefined();
    expect(mail!.text).not.toContain('reply to this email');
    expect(await startInboundMail(plain.config, plain.hub)).toBeUndefined();
  });
});
