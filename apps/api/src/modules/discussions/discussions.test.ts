import { once } from 'node:events';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { posts, threads } from '@mutirao/db';
import { createTestHub, ORIGIN, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import type { LiveServerMessage } from '../../infra/live';
import { XSS_CORPUS } from '../../infra/markdown.xss-corpus';

let t: TestHub;
let coordinator: TestUser;
let asker: TestUser;
let replier: TestUser;
let other: TestUser;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
  asker = await t.createUser({ name: 'Ana Souza' });
  replier = await t.createUser({ name: 'Rafael Duarte' });
  other = await t.createUser({ name: 'Otto Otero' });
  // These people post all through the file: they are not new accounts.
  await t.hub.db.execute(sql`update users set created_at = now() - interval '2 days'`);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
});

let seq = 0;
const question = (extra: Record<string, unknown> = {}) => ({
  kind: 'question',
  title: `¿Cómo financiar mejoras de vivienda? ${++seq}`,
  body: 'Buscamos experiencias de **microcrédito**.',
  theme: 'housing_finance',
  language: 'es',
  countries: ['PE'],
  tags: ['microcrédito'],
  ...extra
});

async function ask(user: TestUser, extra: Record<string, unknown> = {}) {
  const response = await t.request({ method: 'POST', url: '/api/threads', cookie: user.cookie, payload: question(extra) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().thread.id as string;
}
async function replyTo(threadId: string, user: TestUser, body = 'En Lima usamos un fondo rotatorio.', replyTo?: string) {
  const response = await t.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, cookie: user.cookie, payload: { body, replyTo } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().post as { id: string; number: number; html: string };
}
const page = async (threadId: string, user?: TestUser, query = '') => {
  const response = await t.request({ method: 'GET', url: `/api/threads/${threadId}${query}`, cookie: user?.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const countRows = async () => {
  const [a] = await t.hub.db.select({ n: count() }).from(threads);
  const [b] = await t.hub.db.select({ n: count() }).from(posts);
  return { threads: a.n, posts: b.n };
};

describe('threads and posts', () => {
  it('starts a question with a rendered, sanitised body, and the asker watches it', async () => {
    const id = await ask(asker, { body: 'Hola <script>alert(1)</script> [x](javascript:alert(1))' });
    const thread = await page(id, asker);
    expect(thread.thread).toMatchObject({ kind: 'question', title: expect.stringContaining('financiar'), theme: 'housing_finance', solved: false, replyCount: 0 });
    expect(thread.opening.html).toBe('<p>Hola &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>');
    expect(thread.opening.source).toContain('<script>');
    expect(thread.viewer.following).toBe('watching');
  });

  it('refuses empty and oversized titles and bodies with the field, saving nothing', async () => {
    const before = await countRows();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'body.title'],
      [{ title: '   ' }, 'body.title'],
      [{ title: 'x'.repeat(201) }, 'body.title'],
      [{ body: '' }, 'body.body'],
      [{ body: 'x'.repeat(50_001) }, 'body.body']
    ];
    for (const [change, field] of cases) {
      const response = await t.request({ method: 'POST', url: '/api/threads', cookie: asker.cookie, payload: question(change) });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const id = await ask(asker);
    const mid = await countRows();
    for (const body of ['', '  \n ', 'y'.repeat(50_001)]) {
      const response = await t.request({ method: 'POST', url: `/api/threads/${id}/posts`, cookie: replier.cookie, payload: { body } });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields[0].field).toBe('body.body');
    }
    expect(await countRows()).toEqual(mid);
    expect(mid).toEqual({ threads: before.threads + 1, posts: before.posts + 1 });
    // Exactly 50,000 characters is accepted.
    await replyTo(id, replier, 'z'.repeat(50_000));
  });

  it('keeps revisions and an edited mark; a delete leaves a tombstone', async () => {
    const id = await ask(asker);
    const post = await replyTo(id, replier, 'Primera versión');
    const edited = await t.request({ method: 'PATCH', url: `/api/posts/${post.id}`, cookie: replier.cookie, payload: { body: 'Segunda versión' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().post.editedAt).not.toBeNull();
    const revisions = (await t.request({ method: 'GET', url: `/api/posts/${post.id}/revisions` })).json().items;
    expect(revisions.map((r: { html: string }) => r.html)).toEqual(['<p>Primera versión</p>']);

    await replyTo(id, other, 'Una respuesta después');
    expect((await t.request({ method: 'DELETE', url: `/api/posts/${post.id}`, cookie: replier.cookie })).statusCode).toBe(204);
    const after = await page(id);
    expect(after.posts.map((p: { number: number; deleted: boolean; html: string | null }) => [p.number, p.deleted, p.html])).toEqual([
      [2, true, null],
      [3, false, '<p>Una respuesta después</p>']
    ]);
    expect(after.thread.replyCount).toBe(1);
  });

  it('refuses editing, deleting and accepting on others’ records (403); coordinators may; a locked thread refuses replies (409)', async () => {
    const id = await ask(asker);
    const post = await replyTo(id, replier);
    const before = await countRows();
    const edit = await t.request({ method: 'PATCH', url: `/api/posts/${post.id}`, cookie: other.cookie, payload: { body: 'Cambiado por otro' } });
    expect([edit.statusCode, edit.json().code]).toEqual([403, 'forbidden']);
    const del = await t.request({ method: 'DELETE', url: `/api/posts/${post.id}`, cookie: other.cookie });
    expect(del.statusCode).toBe(403);
    const accept = await t.request({ method: 'PUT', url: `/api/threads/${id}/accepted-answer`, cookie: replier.cookie, payload: { postId: post.id } });
    expect(accept.statusCode).toBe(403);
    expect(await countRows()).toEqual(before);
    expect((await page(id)).posts[0].html).toBe('<p>En Lima usamos un fondo rotatorio.</p>');

    const byCoordinator = await t.request({ method: 'PATCH', url: `/api/posts/${post.id}`, cookie: coordinator.cookie, payload: { body: 'Editado por coordinación' } });
    expect(byCoordinator.statusCode).toBe(200);
    expect((await t.request({ method: 'PUT', url: `/api/threads/${id}/accepted-answer`, cookie: coordinator.cookie, payload: { postId: post.id } })).statusCode).toBe(200);

    await t.request({ method: 'POST', url: `/api/admin/threads/${id}/moderation`, cookie: coordinator.cookie, payload: { action: 'lock' } });
    const locked = await t.request({ method: 'POST', url: `/api/threads/${id}/posts`, cookie: other.cookie, payload: { body: '¿Sigue abierto?' } });
    expect([locked.statusCode, locked.json().code]).toEqual([409, 'thread_locked']);
    expect((await t.request({ method: 'DELETE', url: `/api/posts/${post.id}`, cookie: coordinator.cookie })).statusCode).toBe(204);
  });
});

describe('questions and reactions', () => {
  it('the asker accepts one reply, changes it, and the lists show it solved', async () => {
    const id = await ask(asker, { theme: 'rental_housing' });
    const first = await replyTo(id, replier, 'Primera respuesta');
    const second = await replyTo(id, other, 'Segunda respuesta');
    const unanswered = async () =>
      (await t.request({ method: 'GET', url: '/api/threads?filter=unanswered&theme=rental_housing' })).json().items.map((i: { id: string }) => i.id);
    expect(await unanswered()).toContain(id);

    const accept = (postId: string | null) => t.request({ method: 'PUT', url: `/api/threads/${id}/accepted-answer`, cookie: asker.cookie, payload: { postId } });
    expect((await accept(first.id)).json()).toEqual({ acceptedPostId: first.id });
    expect((await page(id)).acceptedAnswer).toMatchObject({ id: first.id, accepted: true });
    expect((await accept(second.id)).statusCode).toBe(200);
    const now = await page(id);
    expect(now.thread.solved).toBe(true);
    expect(now.acceptedAnswer.id).toBe(second.id);
    expect(await unanswered()).not.toContain(id);
    const solved = (await t.request({ method: 'GET', url: '/api/threads?filter=solved&theme=rental_housing' })).json().items;
    expect(solved.map((i: { id: string }) => i.id)).toContain(id);

    // The opening post and posts of other threads cannot be accepted.
    expect((await accept(now.opening.id)).json().code).toBe('invalid_answer');
    const discussion = await ask(asker, { kind: 'discussion' });
    const reply = await replyTo(discussion, replier);
    const notQuestion = await t.request({ method: 'PUT', url: `/api/threads/${discussion}/accepted-answer`, cookie: asker.cookie, payload: { postId: reply.id } });
    expect(notQuestion.json().code).toBe('not_a_question');
  });

  it('counts “helpful” once per person, and not from the author', async () => {
    const id = await ask(asker);
    const post = await replyTo(id, replier);
    const react = (user: TestUser, method: 'PUT' | 'DELETE' = 'PUT') => t.request({ method, url: `/api/posts/${post.id}/helpful`, cookie: user.cookie });
    expect((await react(asker)).json()).toEqual({ helpfulCount: 1, reactedByMe: true });
    expect((await react(asker)).json()).toEqual({ helpfulCount: 1, reactedByMe: true });
    expect((await react(other)).json()).toEqual({ helpfulCount: 2, reactedByMe: true });
    expect((await react(replier)).statusCode).toBe(403);
    expect((await react(other, 'DELETE')).json()).toEqual({ helpfulCount: 1, reactedByMe: false });
    expect((await page(id, asker)).posts[0]).toMatchObject({ helpfulCount: 1, reactedByMe: true });
  });
});

describe('lists and reading', () => {
  it('walks keyset pages with pinned threads first, without repeats or gaps', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await ask(asker, { theme: 'secondary_cities', language: 'pt' }));
    await t.request({ method: 'POST', url: `/api/admin/threads/${ids[0]}/moderation`, cookie: coordinator.cookie, payload: { action: 'pin' } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/threads?theme=secondary_cities&language=pt&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await t.request({ method: 'GET', url: query })).json();
      seen.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[0], ids[4], ids[3], ids[2], ids[1]]);
    const bad = await t.request({ method: 'GET', url: '/api/threads?cursor=bm9wZQ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('query.cursor');
  });

  it('shows unread posts per reader and remembers where they stopped', async () => {
    const id = await ask(asker, { theme: 'gender' });
    const mine = async () => (await t.request({ method: 'GET', url: '/api/threads?filter=mine&theme=gender', cookie: asker.cookie })).json().items[0];
    expect((await mine()).unreadCount).toBe(0);
    for (let i = 0; i < 3; i++) await replyTo(id, replier, `Respuesta ${i}`);
    expect((await mine()).unreadCount).toBe(3);
    const visit = await page(id, asker);
    expect(visit.viewer.lastReadNumber).toBe(1);
    expect((await mine()).unreadCount).toBe(0);
    expect((await page(id, asker)).viewer.lastReadNumber).toBe(4);
    expect((await t.request({ method: 'GET', url: '/api/threads?filter=mine' })).statusCode).toBe(401);
  });
});

describe('hidden posts and search', () => {
  it('a hidden post is gone for other members and from search, and its edits are not announced', async () => {
    const id = await ask(asker, { title: 'Cisternas comunitarias en Haití', theme: 'basic_services' });
    const bad = await replyTo(id, replier, 'Compra seguidores baratos xylofonox');
    await t.request({ method: 'POST', url: `/api/posts/${bad.id}/flags`, cookie: other.cookie, payload: { reason: 'spam' } });
    const queue = (await t.request({ method: 'GET', url: '/api/admin/discussions/flags', cookie: coordinator.cookie })).json().items;
    expect(queue.map((f: { post: { id: string } }) => f.post.id)).toContain(bad.id);

    await t.hub.search.drain();
    const search = async (q: string) => {
      const r = await t.request({ method: 'GET', url: `/api/threads/search?q=${encodeURIComponent(q)}` });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    expect((await search('xylofonox')).items.map((i: { id: string }) => i.id)).toEqual([id]);

    const hide = await t.request({ method: 'POST', url: `/api/admin/posts/${bad.id}/moderation`, cookie: coordinator.cookie, payload: { action: 'hide' } });
    expect(hide.statusCode, hide.body).toBe(200);
    expect((await page(id, other)).posts).toEqual([]);
    expect((await page(id)).thread.replyCount).toBe(0);
    expect((await page(id, replier)).posts.map((p: { hidden: boolean }) => p.hidden)).toEqual([true]);
    expect((await page(id, coordinator)).posts).toHaveLength(1);
    expect((await t.request({ method: 'GET', url: '/api/admin/discussions/flags', cookie: coordinator.cookie })).json().items.map((f: { post: { id: string } }) => f.post.id)).not.toContain(bad.id);

    await t.hub.search.drain();
    expect((await search('xylofonox')).items).toEqual([]);
    const found = await search('cisternas');
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(found.facets.theme).toMatchObject({ basic_services: 1 });

    // A reader on the thread hears nothing of the hidden post's edit, but does hear a new reply.
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: { cookie: other.cookie, origin: ORIGIN } });
    const messages: LiveServerMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as LiveServerMessage));
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'subscribe', topics: [`thread:${id}`] }));
    await expect.poll(() => messages.some((m) => m.type === 'subscribed')).toBe(true);
    await t.request({ method: 'PATCH', url: `/api/posts/${bad.id}`, cookie: replier.cookie, payload: { body: 'Más spam' } });
    const visible = await replyTo(id, asker, 'Una respuesta visible');
    await expect.poll(() => messages.filter((m) => m.type === 'event'), { timeout: 5000 }).toHaveLength(1);
    expect(messages.find((m) => m.type === 'event')).toMatchObject({ topic: `thread:${id}`, event: 'post.created', id: visible.id });
    ws.close();
  });

  it('a thread whose opening post is hidden answers 404 and its topic is denied', async () => {
    const id = await ask(asker);
    const opening = (await page(id, asker)).opening.id;
    await t.request({ method: 'POST', url: `/api/admin/posts/${opening}/moderation`, cookie: coordinator.cookie, payload: { action: 'hide' } });
    expect((await t.request({ method: 'GET', url: `/api/threads/${id}`, cookie: other.cookie })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/threads?limit=50' })).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: { cookie: other.cookie, origin: ORIGIN } });
    const messages: LiveServerMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as LiveServerMessage));
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'subscribe', topics: [`thread:${id}`] }));
    await expect.poll(() => messages.find((m) => m.type === 'subscribed')).toMatchObject({ topics: [], denied: [`thread:${id}`] });
    ws.close();
  });
});

describe('notifications', () => {
  it('tells watchers of replies, mentioned people (also by mail) and the author of an accepted answer', async () => {
    const id = await ask(asker);
    const kinds = async (user: TestUser) =>
      (await t.request({ method: 'GET', url: '/api/me/notifications', cookie: user.cookie })).json().items.filter((n: { data: { threadId?: string } }) => n.data.threadId === id).map((n: { kind: string }) => n.kind);
    const post = await replyTo(id, replier, 'Como dice @Otto_Otero, conviene el ahorro previo.');
    expect(post.html).toContain('href="/people/');
    expect(await kinds(asker)).toEqual(['discussion.reply']);
    expect(await kinds(other)).toEqual(['discussion.mention']);
    const mail = await t.mail();
    expect(mail.find((m) => m.to === (other.email) && m.kind === 'discussion.mention')?.text).toContain(`/discussions/${id}`);

    await t.request({ method: 'PUT', url: `/api/threads/${id}/accepted-answer`, cookie: asker.cookie, payload: { postId: post.id } });
    expect(await kinds(replier)).toEqual(['discussion.accepted']);
    expect((await t.mail()).some((m) => m.to === replier.email && m.kind === 'discussion.accepted')).toBe(true);

    // A muted thread tells nothing.
    await t.request({ method: 'PUT', url: `/api/threads/${id}/following`, cookie: asker.cookie, payload: { level: 'muted' } });
    await replyTo(id, other, 'Otra más');
    expect(await kinds(asker)).toEqual(['discussion.reply']);
  });

  it('limits how often a new account posts', async () => {
    const newcomer = await t.createUser();
    const id = await ask(newcomer);
    for (let i = 0; i < 4; i++) await replyTo(id, newcomer, `Mensaje ${i}`);
    const sixth = await t.request({ method: 'POST', url: `/api/threads/${id}/posts`, cookie: newcomer.cookie, payload: { body: 'Uno más' } });
    expect([sixth.statusCode, sixth.json().code]).toEqual([429, 'rate_limited']);
    const [row] = await t.hub.db.select({ n: count() }).from(posts).where(eq(posts.threadId, id));
    expect(row.n).toBe(5);
  });

  it('stores every XSS corpus payload inert', async () => {
    const id = await ask(asker);
    for (const payload of XSS_CORPUS) {
      const response = await t.request({ method: 'POST', url: `/api/threads/${id}/posts`, cookie: replier.cookie, payload: { body: payload } });
      // Control characters are refused before anything is stored (the input guard).
      if (response.statusCode === 400 && response.json().fields[0].code === 'control_character') continue;
      expect(response.statusCode, payload).toBe(201);
      const post = response.json().post as { html: string };
      // Escaped text (`&lt;script&gt;`) is harmless; only real tags are examined.
      for (const [tag, name, attributes] of post.html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
        expect(['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'form', 'input', 'base'], payload).not.toContain(name.toLowerCase());
        expect(attributes, tag).not.toMatch(/\s(on[a-z]+|style)\s*=/i);
        expect(attributes, tag).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data|file):/i);
      }
    }
  });
});

describe('new accounts', () => {
  it('holds a new account’s post with a link for review: hidden from others, in the queue, restored by a coordinator', async () => {
    const id = await ask(asker);
    const newcomer = await t.createUser();
    const post = await replyTo(id, newcomer, 'Miren [mi web](https://spam.example/oferta)');
    expect((await page(id, other)).posts).toEqual([]);
    expect((await page(id, newcomer)).posts[0]).toMatchObject({ id: post.id, hidden: true });
    const queue = (await t.request({ method: 'GET', url: '/api/admin/discussions/flags', cookie: coordinator.cookie })).json().items;
    expect(queue.find((f: { post: { id: string } }) => f.post.id === post.id)).toMatchObject({ reporter: null, reason: 'spam' });
    await t.request({ method: 'POST', url: `/api/admin/posts/${post.id}/moderation`, cookie: coordinator.cookie, payload: { action: 'restore' } });
    expect((await page(id, other)).posts.map((p: { id: string }) => p.id)).toEqual([post.id]);
    // Without a link, a new account's post shows at once.
    const plain = await replyTo(id, newcomer, 'Sin enlaces esta vez.');
    expect((await page(id, other)).posts.map((p: { id: string }) => p.id)).toContain(plain.id);
  });
});

describe('watching themes', () => {
  it('tells people watching a theme of each new thread in it, and only that theme', async () => {
    const watcher = await t.createUser();
    const set = await t.request({ method: 'PUT', url: '/api/me/watched-themes', cookie: watcher.cookie, payload: { themes: ['migration', 'gender'] } });
    expect(set.json()).toEqual({ themes: ['gender', 'migration'] });
    expect((await t.request({ method: 'GET', url: '/api/me/watched-themes', cookie: watcher.cookie })).json()).toEqual({ themes: ['gender', 'migration'] });
    const bad = await t.request({ method: 'PUT', url: '/api/me/watched-themes', cookie: watcher.cookie, payload: { themes: ['nope'] } });
    expect(bad.statusCode).toBe(400);

    const inTheme = await ask(asker, { theme: 'migration' });
    await ask(asker, { theme: 'rental_housing' });
    const items = (await t.request({ method: 'GET', url: '/api/me/notifications', cookie: watcher.cookie })).json().items;
    expect(items.map((n: { kind: string; data: { threadId: string } }) => [n.kind, n.data.threadId])).toEqual([['discussion.new_thread', inTheme]]);
  });
});

describe('home and profile sections', () => {
  it('lists watched threads with unread replies, and a person’s threads and accepted answers', async () => {
    const { discussionHomeSections, discussionProfileSections } = await import('./discussions.sections');
    const me = await t.createUser({ name: 'Sección Persona' });
    await t.hub.db.execute(sql`update users set created_at = now() - interval '2 days' where id = ${me.id}`);
    const id = await ask(me, { title: 'Mi pregunta para la portada' });
    const actor = { id: me.id, role: 'member' as const, emailVerified: true };
    const watched = async () => (await discussionHomeSections(t.hub, actor)).find((s) => s.key === 'watchedThreads')!;
    expect((await watched()).items.map((i) => i.title)).not.toContain('Mi pregunta para la portada');
    const answer = await replyTo(id, replier, 'Una respuesta para la portada');
    expect((await watched()).items.find((i) => i.title === 'Mi pregunta para la portada')).toMatchObject({ href: `/discussions/${id}`, count: 1 });
    await page(id, me);
    expect((await watched()).items.map((i) => i.title)).not.toContain('Mi pregunta para la portada');

    await t.request({ method: 'PUT', url: `/api/threads/${id}/accepted-answer`, cookie: me.cookie, payload: { postId: answer.id } });
    const mine = await discussionProfileSections(t.hub, null, me.id);
    expect(mine.find((s) => s.key === 'threads')).toMatchObject({ total: 1, items: [{ title: 'Mi pregunta para la portada' }] });
    const theirs = (await discussionProfileSections(t.hub, null, replier.id)).find((s) => s.key === 'acceptedAnswers')!;
    expect(theirs.items.map((i) => i.title)).toContain('Mi pregunta para la portada');
  });
});
