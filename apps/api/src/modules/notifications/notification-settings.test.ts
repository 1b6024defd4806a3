import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { users } from '@mutirao/db';
import { mailedNotificationKinds } from '@mutirao/shared';
import { createTestHub, ORIGIN, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import type { LiveServerMessage } from '../../infra/live';
import { organisationFixtures } from '../organisations/organisations.fixtures';

let t: TestHub;
let coordinator: TestUser;
let admin: TestUser;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
  admin = await t.createUser({ role: 'admin', name: 'Alma Administradora' });
  await t.hub.db.update(users).set({ locale: 'es' }).where(eq(users.id, coordinator.id));
  await t.hub.db.update(users).set({ locale: 'pt' }).where(eq(users.id, admin.id));
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
});

const { apply, decide } = organisationFixtures(() => ({ t, coordinator }));

const settings = (user: TestUser | undefined) => t.request({ method: 'GET', url: '/api/me/notification-settings', cookie: user?.cookie });
const save = (user: TestUser | undefined, payload: object) =>
  t.request({ method: 'PUT', url: '/api/me/notification-settings', cookie: user?.cookie, payload });
const notificationsOf = async (user: TestUser) =>
  (await t.request({ method: 'GET', url: '/api/me/notifications', cookie: user.cookie })).json().items as Array<{
    kind: string;
    data: Record<string, string>;
  }>;
const mailTo = async (user: TestUser, subject: RegExp) => (await t.mail()).filter((m) => m.to === user.email && subject.test(m.subject));

describe('a new application', () => {
  it('tells every coordinator and admin in-app and by mail in their language, and not the applicant or a member', async () => {
    const applicant = await t.createUser({ name: 'Rosa Solicitante' });
    const bystander = await t.createUser();
    const org = await apply(applicant, { name: 'Techo Nuevo Aplicado' });

    for (const reviewer of [coordinator, admin]) {
      const [item] = (await notificationsOf(reviewer)).filter((n) => n.kind === 'organisation.applied' && n.data.slug === org.slug);
      expect(item.data).toMatchObject({ organisationId: org.id, name: 'Techo Nuevo Aplicado', applicantName: 'Rosa Solicitante' });
    }
    expect(await mailTo(coordinator, /^Nueva solicitud de registro: Techo Nuevo Aplicado$/)).toHaveLength(1);
    expect(await mailTo(admin, /^Nova solicitação de cadastro: Techo Nuevo Aplicado$/)).toHaveLength(1);
    const [mail] = await mailTo(coordinator, /Techo Nuevo Aplicado/);
    expect(mail.text).toContain('Rosa Solicitante');
    expect(mail.text).toContain(`${t.config.publicOrigin}/admin/organisations`);
    expect(await notificationsOf(applicant)).toEqual([]);
    expect(await notificationsOf(bystander)).toEqual([]);
    expect((await t.mail()).filter((m) => m.to === applicant.email || m.to === bystander.email)).toEqual([]);
  });

  it('reaches an open coordinator page live, and the queue topic only staff may follow', async () => {
    const listen = async (user: TestUser, topics: string[]) => {
      const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: { cookie: user.cookie, origin: ORIGIN } });
      const messages: LiveServerMessage[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data)) as LiveServerMessage));
      await once(ws, 'open');
      ws.send(JSON.stringify({ type: 'subscribe', topics }));
      await expect.poll(() => messages.some((m) => m.type === 'subscribed')).toBe(true);
      return { ws, messages };
    };
    const member = await t.createUser();
    const staff = await listen(coordinator, [`user:${coordinator.id}`, 'review:organisations']);
    const nosy = await listen(member, ['review:organisations', 'review:other']);
    expect(staff.messages.find((m) => m.type === 'subscribed')).toMatchObject({ denied: [] });
    expect(nosy.messages.find((m) => m.type === 'subscribed')).toMatchObject({ topics: [], denied: ['review:organisations', 'review:other'] });

    const org = await apply(await t.createUser(), { name: 'Vivo en la Cola' });
    await expect
      .poll(() => staff.messages.filter((m) => m.type === 'event').map((m) => (m as { topic: string; event: string }).event).sort(), {
        timeout: 5000
      })
      .toEqual(['notification.created', 'review.changed']);
    expect(staff.messages.find((m) => m.type === 'event' && m.topic === 'review:organisations')).toMatchObject({ id: org.id });
    const pending = await t.request({ method: 'GET', url: '/api/admin/organisations/pending-count', cookie: coordinator.cookie });
    expect(pending.json().pending).toBeGreaterThanOrEqual(1);

    // Deciding it changes the count again.
    await decide(org.slug, 'approve');
    await expect.poll(() => staff.messages.filter((m) => m.type === 'event' && m.topic === 'review:organisations').length).toBe(2);
    expect(nosy.messages.filter((m) => m.type === 'event')).toEqual([]);
    staff.ws.close();
    nosy.ws.close();
  });

  it('counts what waits for review, for coordinators only', async () => {
    const count = async () =>
      (await t.request({ method: 'GET', url: '/api/admin/organisations/pending-count', cookie: coordinator.cookie })).json().pending as number;
    const before = await count();
    const org = await apply(await t.createUser());
    expect(await count()).toBe(before + 1);
    await decide(org.slug, 'reject', 'Sin relación con la vivienda.');
    expect(await count()).toBe(before);
    const member = await t.createUser();
    expect((await t.request({ method: 'GET', url: '/api/admin/organisations/pending-count', cookie: member.cookie })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/admin/organisations/pending-count' })).statusCode).toBe(401);
  });
});

describe('notification settings', () => {
  it('lists every mailed kind, on until turned off', async () => {
    const person = await t.createUser();
    const response = await settings(person);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual(mailedNotificationKinds.map((kind) => ({ kind, email: true })));
    expect(response.json().items.map((i: { kind: string }) => i.kind)).toContain('organisation.applied');
    // Kinds that are never mailed are not offered.
    expect(response.json().items.map((i: { kind: string }) => i.kind)).not.toContain('organisation.suspended');
  });

  it('a coordinator who turned the mail off still hears in-app, and gets no mail; turning it on again mails again', async () => {
    const quiet = await t.createUser({ role: 'coordinator', name: 'Quieta Coordinadora' });
    const off = await save(
      quiet,
      { email: mailedNotificationKinds.filter((kind) => kind !== 'organisation.applied') }
    );
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().items.find((i: { kind: string }) => i.kind === 'organisation.applied')).toEqual({ kind: 'organisation.applied', email: false });
    expect((await settings(quiet)).json()).toEqual(off.json());

    const first = await apply(await t.createUser(), { name: 'Silencio Uno' });
    expect((await notificationsOf(quiet)).some((n) => n.kind === 'organisation.applied' && n.data.slug === first.slug)).toBe(true);
    expect(await mailTo(quiet, /Silencio Uno/)).toEqual([]);
    // The others still get theirs.
    expect(await mailTo(coordinator, /Silencio Uno/)).toHaveLength(1);

    await save(quiet, { email: ['organisation.applied'] });
    await apply(await t.createUser(), { name: 'Silencio Dos' });
    expect(await mailTo(quiet, /Silencio Dos/)).toHaveLength(1);
  });

  it('an applicant who turned approval mail off gets the notification but not the mail', async () => {
    const applicant = await t.createUser();
    await save(applicant, { email: [] });
    const org = await apply(applicant, { name: 'Sin Correo Aprobada' });
    await decide(org.slug, 'approve');
    expect((await notificationsOf(applicant)).map((n) => n.kind)).toEqual(['organisation.approved']);
    expect((await t.mail()).filter((m) => m.to === applicant.email)).toEqual([]);
  });

  it('refuses kinds that are not mailed or do not exist, and visitors', async () => {
    const person = await t.createUser();
    for (const email of [['organisation.suspended'], ['no.such_kind'], ['organisation.applied', 'organisation.applied']]) {
      const response = await save(person, { email });
      expect(response.statusCode, JSON.stringify(email)).toBe(400);
      expect(response.json().fields[0].field).toMatch(/^body\.email/);
    }
    expect((await save(person, { email: [], extra: true })).statusCode).toBe(400);
    expect((await settings(person)).json().items.every((i: { email: boolean }) => i.email)).toBe(true);
    expect((await settings(undefined)).statusCode).toBe(401);
    expect((await save(undefined, { email: [] })).statusCode).toBe(401);
  });
});
