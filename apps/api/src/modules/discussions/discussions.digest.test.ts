import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationDigests, users } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { wantsMail } from '../notifications/notifications.service';
import { DISCUSSION_DIGEST, nextDigestAt, scheduleDigest, sendDigests } from './discussions.digest';

let t: TestHub;
let coordinator: TestUser;
let ana: TestUser;
let rafael: TestUser;
/** Watches threads and a theme; reads Spanish. */
let lucia: TestUser;
/** Watches one thread, muted another; reads Portuguese. */
let joao: TestUser;
/** Tracks a thread they replied in, and has read another; reads English. */
let emma: TestUser;

beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
  ana = await t.createUser({ name: 'Ana Souza' });
  rafael = await t.createUser({ name: 'Rafael Duarte' });
  lucia = await t.createUser({ name: 'Lucía Pérez' });
  joao = await t.createUser({ name: 'João Lima' });
  emma = await t.createUser({ name: 'Emma Brown' });
  await t.hub.db.update(users).set({ locale: 'es' }).where(eq(users.id, lucia.id));
  await t.hub.db.update(users).set({ locale: 'pt' }).where(eq(users.id, joao.id));
  // These people post all through the file: they are not new accounts.
  await t.hub.db.execute(sql`update users set created_at = now() - interval '2 days'`);
});
afterAll(async () => {
  await t?.close();
});

async function ask(user: TestUser, title: string, theme = 'housing_finance') {
  const response = await t.request({
    method: 'POST',
    url: '/api/threads',
    cookie: user.cookie,
    payload: { kind: 'question', title, body: `Cuerpo de ${title}.`, theme, language: 'es', countries: ['PE'], tags: [] }
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().thread.id as string;
}
async function reply(threadId: string, user: TestUser, body: string, replyTo?: string) {
  const response = await t.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, cookie: user.cookie, payload: { body, replyTo } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().post as { id: string; number: number };
}
async function follow(threadId: string, user: TestUser, level: 'watching' | 'tracking' | 'muted') {
  const response = await t.request({ method: 'PUT', url: `/api/threads/${threadId}/following`, cookie: user.cookie, payload: { level } });
  expect(response.statusCode, response.body).toBe(200);
}
async function hide(postId: string) {
  const response = await t.request({
    method: 'POST',
    url: `/api/admin/posts/${postId}/moderation`,
    cookie: coordinator.cookie,
    payload: { action: 'hide', reason: 'Spam' }
  });
  expect(response.statusCode, response.body).toBe(200);
}
const digestsTo = async (user: TestUser) => (await t.mail()).filter((m) => m.to === user.email && m.kind === 'discussion.digest');
const link = (threadId: string, number: number) => `${t.config.publicOrigin}/discussions/${threadId}?post=${number}#post-${number}`;

describe('the daily digest', () => {
  it('mails each reader what is new in what they watch, in their language, and nothing twice', async () => {
    const financing = await ask(ana, 'Fondos rotatorios para mejoras');
    const subsidies = await ask(ana, 'Subsidios a la demanda');
    const closed = await ask(ana, 'Debate que se ocultará');
    await follow(financing, lucia, 'watching');
    await follow(subsidies, lucia, 'watching');
    await follow(closed, lucia, 'watching');
    await follow(subsidies, joao, 'watching');
    await follow(financing, joao, 'muted');
    await follow(financing, emma, 'watching');
    const watched = await t.request({ method: 'PUT', url: '/api/me/watched-themes', cookie: lucia.cookie, payload: { themes: ['land_tenure'] } });
    expect(watched.statusCode, watched.body).toBe(200);

    // Her own reply is not news to her (and replying marks what came before as read).
    await reply(financing, lucia, 'Mi propia respuesta no me la resumen.');
    await reply(financing, rafael, 'En Lima usamos un fondo rotatorio con   ahorro previo.');
    await reply(financing, rafael, 'Otra experiencia: Medellín.');
    await reply(subsidies, rafael, 'Los subsidios funcionan con suelo servido.');
    const spam = await reply(subsidies, rafael, 'Compre ahora, oferta especial.');
    await hide(spam.id);
    await reply(closed, rafael, 'Esta respuesta queda en un debate oculto.');
    const closedOpening = (await t.request({ method: 'GET', url: `/api/threads/${closed}`, cookie: ana.cookie })).json().posts[0].id as string;
    await hide(closedOpening);
    const tenure = await ask(rafael, 'Titulación en asentamientos', 'land_tenure');
    const emmaPost = await reply(tenure, emma, 'We mapped plots with the community first.');
    await reply(tenure, rafael, 'Thanks Emma, which tools did you use?', emmaPost.id);
    await reply(tenure, ana, 'Not to Emma: a general note.');
    // Emma read the financing thread on the site: nothing in it is news to her.
    expect((await t.request({ method: 'GET', url: `/api/threads/${financing}`, cookie: emma.cookie })).statusCode).toBe(200);

    // The daily run, as the queue runs it.
    const until = new Date();
    await t.hub.db.transaction((tx) => t.hub.jobs.enqueue(tx, DISCUSSION_DIGEST, { until: until.toISOString() }));

    const [toLucia, ...moreToLucia] = await digestsTo(lucia);
    expect(moreToLucia).toEqual([]);
    expect(toLucia.subject).toBe('Tu resumen diario de Mutirão: 1 debate nuevo, 3 respuestas nuevas');
    const [body, footer] = toLucia.text.split('\n\n—\n');
    expect(body).toBe(
      [
        'Hola, Lucía Pérez:',
        '',
        'Esto es lo nuevo en los debates y temas que sigues desde tu último resumen.',
        '',
        'Debates nuevos en tus temas (1)',
        '',
        '• «Titulación en asentamientos» de Rafael Duarte',
        '  Cuerpo de Titulación en asentamientos.',
        `  ${link(tenure, 1)}`,
        '',
        'Respuestas nuevas en debates que sigues (3)',
        '',
        '• «Fondos rotatorios para mejoras»: 2 respuestas nuevas',
        '  Rafael Duarte: En Lima usamos un fondo rotatorio con ahorro previo.',
        '  Rafael Duarte: Otra experiencia: Medellín.',
        `  ${link(financing, 3)}`,
        '',
        '• «Subsidios a la demanda»: 1 respuesta nueva',
        '  Rafael Duarte: Los subsidios funcionan con suelo servido.',
        `  ${link(subsidies, 2)}`
      ].join('\n')
    );
    expect(body).not.toContain('Mi propia respuesta');
    expect(footer).toMatch(new RegExp(`^Para dejar de recibir correos como este: ${t.config.publicOrigin}/unsubscribe/[\\w-]+\\.[\\w-]+\n`));
    expect(toLucia.headers?.['List-Unsubscribe']).toMatch(new RegExp(`^<${t.config.publicOrigin}/api/unsubscribe/[\\w-]+\\.[\\w-]+>$`));
    expect(toLucia.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    const [toJoao, ...moreToJoao] = await digestsTo(joao);
    expect(moreToJoao).toEqual([]);
    expect(toJoao.subject).toBe('Seu resumo diário do Mutirão: 1 resposta nova');
    expect(toJoao.text.split('\n\n—\n')[0]).toBe(
      [
        'Olá, João Lima!',
        '',
        'Veja o que há de novo nos debates e temas que você segue desde o seu último resumo.',
        '',
        'Respostas novas em debates que você segue (1)',
        '',
        '• “Subsidios a la demanda”: 1 resposta nova',
        '  Rafael Duarte: Los subsidios funcionan con suelo servido.',
        `  ${link(subsidies, 2)}`
      ].join('\n')
    );

    // Emma: only the reply to her own post in the thread she tracks; the thread she read adds nothing.
    const [toEmma, ...moreToEmma] = await digestsTo(emma);
    expect(moreToEmma).toEqual([]);
    expect(toEmma.subject).toBe('Your daily Mutirão digest: 1 new reply');
    expect(toEmma.text).toContain('• “Titulación en asentamientos”: 1 new reply\n  Rafael Duarte: Thanks Emma, which tools did you use?');
    expect(toEmma.text).not.toContain('general note');
    expect(toEmma.text).not.toContain('Fondos rotatorios');

    // Nobody's digest mentions hidden posts or the hidden thread.
    for (const mail of await t.mail()) {
      expect(mail.text).not.toContain('oferta especial');
      expect(mail.text).not.toContain('Debate que se ocultará');
    }

    // The same run again, twice through the queue (a retry, or a second process's job): nothing more is sent.
    const before = (await t.mail()).length;
    await t.hub.db.transaction(async (tx) => {
      await t.hub.jobs.enqueue(tx, DISCUSSION_DIGEST, { until: until.toISOString() });
      await t.hub.jobs.enqueue(tx, DISCUSSION_DIGEST, { until: until.toISOString() });
    });
    expect((await t.drainJobs()).failed).toBe(0);
    expect(await sendDigests(t.hub, new Date())).toBe(0);
    expect((await t.mail()).length).toBe(before);
    const [state] = await t.hub.db.select().from(notificationDigests).where(eq(notificationDigests.userId, lucia.id));
    expect(state.lastDigestAt.getTime()).toBeGreaterThanOrEqual(until.getTime());

    // The next day's news, and only it.
    await reply(subsidies, rafael, 'Un dato más sobre subsidios.');
    expect(await sendDigests(t.hub, new Date())).toBeGreaterThanOrEqual(1);
    const latest = (await digestsTo(lucia)).filter((m) => m.id !== toLucia.id);
    expect(latest).toHaveLength(1);
    expect(latest[0].subject).toBe('Tu resumen diario de Mutirão: 1 respuesta nueva');
    expect(latest[0].text).toContain('Rafael Duarte: Un dato más sobre subsidios.');
    expect(latest[0].text).not.toContain('Medellín');
  });

  it('sends nothing to someone who turned the digest off', async () => {
    const quiet = await t.createUser({ name: 'Quieta Persona' });
    const thread = await ask(ana, 'Alquiler social en ciudades intermedias');
    await follow(thread, quiet, 'watching');
    const all = (await t.request({ method: 'GET', url: '/api/me/notification-settings', cookie: quiet.cookie })).json().items as { kind: string }[];
    expect(all.map((i) => i.kind)).toContain('discussion.digest');
    const saved = await t.request({
      method: 'PUT',
      url: '/api/me/notification-settings',
      cookie: quiet.cookie,
      payload: { email: all.map((i) => i.kind).filter((k) => k !== 'discussion.digest') }
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await t.hub.db.transaction((tx) => wantsMail(tx, quiet.id, 'discussion.digest'))).toBe(false);
    await reply(thread, rafael, 'Respuesta que no llegará por correo.');
    await sendDigests(t.hub, new Date());
    expect(await digestsTo(quiet)).toEqual([]);
  });

  it('is one queued job per daily run however many processes schedule it', async () => {
    const now = new Date('2099-03-10T12:00:00Z');
    expect(nextDigestAt(now).toISOString()).toBe('2099-03-11T11:00:00.000Z');
    expect(nextDigestAt(new Date('2099-03-10T10:59:59Z')).toISOString()).toBe('2099-03-10T11:00:00.000Z');
    const jobs = async () =>
      (await t.hub.db.execute(sql`select data from pgboss.job where name = 'discussions.digest' and state = 'created'`)) as unknown as
        | { rows: { data: { until: string } }[] }
        | { data: { until: string } }[];
    const rowsOf = (r: Awaited<ReturnType<typeof jobs>>) => ('rows' in r ? r.rows : r);
    const until = await scheduleDigest(t.hub, now);
    await scheduleDigest(t.hub, now);
    await scheduleDigest(t.hub, new Date('2099-03-10T18:30:00Z'));
    expect(rowsOf(await jobs()).filter((row) => row.data.until === until.toISOString())).toHaveLength(1);
  });
});
