import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contactMessages, contactReports, users } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { DAILY_LIMIT_ESTABLISHED, DAILY_LIMIT_NEW } from './contact.service';

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
});
afterAll(async () => {
  await t?.close();
});

const write = (from: TestUser, to: { id: string }, payload: object = { subject: 'Alquiler social en Recife', body: '¿Podemos conversar sobre su experiencia?' }) =>
  t.request({ method: 'POST', url: `/api/people/${to.id}/messages`, cookie: from.cookie, payload });
const get = (person: TestUser, id: string) => t.request({ method: 'GET', url: `/api/contact/messages/${id}`, cookie: person.cookie });
const reply = (person: TestUser, id: string, body = 'Con gusto. Escríbeme directamente.') =>
  t.request({ method: 'POST', url: `/api/contact/messages/${id}/reply`, cookie: person.cookie, payload: { body } });
const report = (person: TestUser, id: string, reason?: string) =>
  t.request({ method: 'POST', url: `/api/contact/messages/${id}/report`, cookie: person.cookie, payload: reason ? { reason } : undefined });
const setOpen = (person: TestUser, open: boolean) => t.request({ method: 'PUT', url: '/api/me/contact', cookie: person.cookie, payload: { open } });
const mailTo = async (email: string) => (await t.mail()).filter((m) => m.to === email);

describe('writing to a person', () => {
  it('mails the message without the sender’s address, and the answer reveals only the recipient’s, by their choice', async () => {
    const sender = await t.createUser({ name: 'Sofía Remitente' });
    const recipient = await t.createUser({ name: 'Raúl Destinatario' });
    const sent = await write(sender, recipient);
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id as string;

    const [received] = await mailTo(recipient.email);
    expect(received.subject).toContain('Sofía Remitente');
    expect(received.text).toContain('¿Podemos conversar sobre su experiencia?');
    expect(received.text).toContain(`${t.config.publicOrigin}/contact/messages/${id}`);
    expect(JSON.stringify(received)).not.toContain(sender.email);
    expect(received.replyTo).toBeUndefined();
    // The sender hears nothing yet, and so learns nothing.
    expect(await mailTo(sender.email)).toEqual([]);

    const seen = await get(recipient, id);
    expect(seen.json()).toMatchObject({ viewer: 'recipient', sender: { name: 'Sofía Remitente' }, replyBody: null, reported: false });
    expect(seen.body).not.toContain(sender.email);
    expect((await get(sender, id)).json()).toMatchObject({ viewer: 'sender', recipient: { name: 'Raúl Destinatario' } });
    expect((await get(sender, id)).body).not.toContain(recipient.email);

    const answered = await reply(recipient, id);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ replyBody: 'Con gusto. Escríbeme directamente.' });
    const [answer] = await mailTo(sender.email);
    expect(answer.text).toContain('Con gusto. Escríbeme directamente.');
    expect(answer.replyTo).toBe(recipient.email);
    // Nothing the recipient ever received carries the sender's address.
    expect(JSON.stringify(await mailTo(recipient.email))).not.toContain(sender.email);

    // One answer through the hub; after that they write to each other directly.
    const again = await reply(recipient, id, 'Otra vez');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('contact_already_replied');
  });

  it('only the recipient answers or reports; anyone else does not learn the message exists', async () => {
    const sender = await t.createUser();
    const recipient = await t.createUser();
    const stranger = await t.createUser();
    const id = (await write(sender, recipient)).json().id as string;
    expect((await get(stranger, id)).statusCode).toBe(404);
    expect((await reply(stranger, id)).statusCode).toBe(404);
    expect((await report(stranger, id)).statusCode).toBe(404);
    expect((await reply(sender, id)).statusCode).toBe(403);
    expect((await report(sender, id)).statusCode).toBe(403);
    const [row] = await t.hub.db.select().from(contactMessages).where(eq(contactMessages.id, id));
    expect(row.repliedAt).toBeNull();
    expect(await t.hub.db.select().from(contactReports).where(eq(contactReports.messageId, id))).toEqual([]);
  });

  it('refuses writing to oneself, to nobody, and bad input, sending nothing', async () => {
    const sender = await t.createUser();
    const self = await write(sender, sender);
    expect(self.statusCode).toBe(400);
    expect(self.json().code).toBe('contact_self');
    expect((await write(sender, { id: crypto.randomUUID() })).statusCode).toBe(404);
    const empty = await write(sender, await t.createUser(), { subject: '   ', body: 'Hola' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'validation_failed', fields: [{ field: 'body.subject' }] });
    expect(await t.hub.db.select().from(contactMessages).where(eq(contactMessages.senderId, sender.id))).toEqual([]);
    expect((await t.request({ method: 'POST', url: `/api/people/${sender.id}/messages`, payload: { subject: 'a', body: 'b' } })).statusCode).toBe(401);
  });
});

describe('turning contact off', () => {
  it('refuses senders with 403 and says so to the profile; turning it on again opens it', async () => {
    const sender = await t.createUser();
    const recipient = await t.createUser({ name: 'Celia Cerrada' });
    const status = () => t.request({ method: 'GET', url: `/api/people/${recipient.id}/contact`, cookie: sender.cookie });
    expect((await status()).json()).toEqual({ name: 'Celia Cerrada', open: true, self: false });
    expect((await setOpen(recipient, false)).json()).toEqual({ open: false });
    expect((await t.request({ method: 'GET', url: '/api/me/contact', cookie: recipient.cookie })).json()).toEqual({ open: false });
    expect((await status()).json()).toEqual({ name: 'Celia Cerrada', open: false, self: false });
    const refused = await write(sender, recipient);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('contact_closed');
    expect(await mailTo(recipient.email)).toEqual([]);
    await setOpen(recipient, true);
    expect((await write(sender, recipient)).statusCode).toBe(201);
  });

  it('answers 404 for someone deleted or unknown', async () => {
    const sender = await t.createUser();
    const gone = await t.createUser();
    await t.hub.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, gone.id));
    expect((await t.request({ method: 'GET', url: `/api/people/${gone.id}/contact`, cookie: sender.cookie })).statusCode).toBe(404);
    expect((await write(sender, gone)).statusCode).toBe(404);
  });
});

describe('the daily limit', () => {
  it(`lets a new account send ${DAILY_LIMIT_NEW} messages a day, then answers 429 with when to try again`, async () => {
    const sender = await t.createUser();
    for (let i = 0; i < DAILY_LIMIT_NEW; i++) expect((await write(sender, await t.createUser())).statusCode).toBe(201);
    const refused = await write(sender, await t.createUser());
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('contact_limit_reached');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(await t.hub.db.select().from(contactMessages).where(eq(contactMessages.senderId, sender.id))).toHaveLength(DAILY_LIMIT_NEW);
    // A day later the oldest no longer counts.
    await t.hub.db.update(contactMessages).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(contactMessages.senderId, sender.id));
    expect((await write(sender, await t.createUser())).statusCode).toBe(201);
  });

  it('counts parallel sends one at a time', async () => {
    const sender = await t.createUser();
    const recipients = await Promise.all(Array.from({ length: DAILY_LIMIT_NEW + 3 }, () => t.createUser()));
    const statuses = (await Promise.all(recipients.map((r) => write(sender, r)))).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(DAILY_LIMIT_NEW);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it(`gives an account older than 30 days ${DAILY_LIMIT_ESTABLISHED}`, async () => {
    const sender = await t.createUser();
    await t.hub.db.update(users).set({ createdAt: new Date(Date.now() - 31 * 24 * 3600_000) }).where(eq(users.id, sender.id));
    const recipient = await t.createUser();
    for (let i = 0; i < DAILY_LIMIT_NEW + 1; i++) expect((await write(sender, recipient)).statusCode).toBe(201);
  });
});

describe('reporting abuse', () => {
  it('records the report with the message for coordinators, once', async () => {
    const sender = await t.createUser({ name: 'Spam Sender' });
    const recipient = await t.createUser({ name: 'Rosa Receptora' });
    const coordinator = await t.createUser({ role: 'coordinator' });
    const id = (await write(sender, recipient, { subject: 'Oferta', body: 'Compre ahora' })).json().id as string;
    const reported = await report(recipient, id, 'Publicidad no solicitada');
    expect(reported.statusCode).toBe(200);
    expect(reported.json().reported).toBe(true);
    expect((await report(recipient, id, 'Otra vez')).statusCode).toBe(200);

    const list = await t.request({ method: 'GET', url: '/api/admin/contact-reports', cookie: coordinator.cookie });
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.filter((r: { message: { id: string } }) => r.message.id === id);
    expect(mine).toMatchObject([
      { reason: 'Publicidad no solicitada', message: { subject: 'Oferta', body: 'Compre ahora', sender: { name: 'Spam Sender' }, recipient: { name: 'Rosa Receptora' } } }
    ]);
    expect(list.body).not.toContain(sender.email);
    expect((await t.request({ method: 'GET', url: '/api/admin/contact-reports', cookie: recipient.cookie })).statusCode).toBe(403);
  });

  it('keeps a reported message when its sender deletes their account, and erases the others', async () => {
    const sender = await t.createUser();
    const a = await t.createUser();
    const b = await t.createUser();
    const kept = (await write(sender, a)).json().id as string;
    const erased = (await write(sender, b)).json().id as string;
    await report(a, kept);
    const deleted = await t.request({ method: 'POST', url: '/api/me/delete', cookie: sender.cookie, payload: { password: sender.password, confirm: true } });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const rows = await t.hub.db.select({ id: contactMessages.id }).from(contactMessages).where(eq(contactMessages.senderId, sender.id));
    expect(rows.map((r) => r.id)).toEqual([kept]);
    expect((await get(b, erased)).statusCode).toBe(404);
    expect((await get(a, kept)).json().sender).toEqual({ id: sender.id, name: 'Ex-integrante' });
  });
});
