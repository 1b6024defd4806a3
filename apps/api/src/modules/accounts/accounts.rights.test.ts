import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accountAudit, emailChanges, organisationAudit, organisationJoinRequests, organisationMembers, organisations, peopleProfiles, sessions, users } from '@mutirao/db';
import { createTestHub, sessionCookieFrom, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { filesUnder } from '../../../../../tests/fixtures/snapshot';
import { TINY_PNG, multipart, organisationFixtures } from '../organisations/organisations.fixtures';
import { listUsers } from './accounts.repo';

let t: TestHub;
let coordinator: TestUser;
const orgs = organisationFixtures(() => ({ t, coordinator }));
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  t = await createTestHub({ AUTH_RATE_LIMIT: '100000' });
  coordinator = await t.createUser({ role: 'coordinator' });
});
afterAll(async () => {
  await t?.close();
});

let seq = 0;
const freshEmail = () => `moved-${process.pid}-${++seq}@example.org`;
const me = async (cookie: string) => (await t.request({ method: 'GET', url: '/api/me', cookie })).json().user;
const signIn = (email: string, password = PASSWORD) => t.request({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
const userRow = async (id: string) => (await t.hub.db.select().from(users).where(eq(users.id, id)))[0];

describe('changing the email address', () => {
  const ask = (person: TestUser, newEmail: string, password = PASSWORD) =>
    t.request({ method: 'POST', url: '/api/me/email', cookie: person.cookie, payload: { newEmail, password } });
  const confirm = (token: string) => t.request({ method: 'POST', url: '/api/auth/email-change/confirm', payload: { token } });
  const tokenFrom = async (email: string) => new URL(await t.linkFromMail(email, '/account/email/confirm')).searchParams.get('token')!;

  it('mails a link to the new address, warns the old one, and changes only once the link is opened; sessions stay open', async () => {
    const person = await t.createUser();
    const newEmail = freshEmail();
    expect((await ask(person, newEmail)).statusCode).toBe(202);

    const mail = await t.mail();
    expect(mail.find((m) => m.to === person.email)?.subject).toMatch(/change of email was requested/);
    // The warning to the old address does not name the new one.
    expect(mail.find((m) => m.to === person.email)?.text).not.toContain(newEmail);
    expect((await me(person.cookie)).email).toBe(person.email);

    const token = await tokenFrom(newEmail);
    const confirmed = await confirm(token);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ email: newEmail });

    expect((await me(person.cookie)).email).toBe(newEmail);
    expect((await signIn(newEmail)).statusCode).toBe(200);
    expect((await signIn(person.email)).statusCode).toBe(401);
    // The old address is told once the change is done.
    expect((await t.mail()).filter((m) => m.to === person.email).map((m) => m.kind)).toContain('emailChanged');
    // The link works once.
    expect((await confirm(token)).json().code).toBe('invalid_token');
    const audit = await t.hub.db.select().from(accountAudit).where(eq(accountAudit.userId, person.id));
    expect(audit.map((a) => a.action)).toEqual(['email_changed']);
  });

  it('refuses a wrong password, changing nothing and mailing nobody', async () => {
    const person = await t.createUser();
    const newEmail = freshEmail();
    const response = await ask(person, newEmail, 'not my password at all');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'wrong_password', fields: [{ field: 'body.password' }] });
    expect((await t.mail()).some((m) => m.to === newEmail || m.to === person.email)).toBe(false);
    expect(await t.hub.db.select().from(emailChanges).where(eq(emailChanges.userId, person.id))).toEqual([]);
  });

  it('refuses an address that already has an account, in any case', async () => {
    const person = await t.createUser();
    const other = await t.createUser();
    const response = await ask(person, other.email.toUpperCase());
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'email_taken', fields: [{ field: 'body.newEmail' }] });
  });

  it('refuses the link when someone signed up with the address in the meantime', async () => {
    const person = await t.createUser();
    const newEmail = freshEmail();
    await ask(person, newEmail);
    const token = await tokenFrom(newEmail);
    await t.createUser({ email: newEmail });
    const response = await confirm(token);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('email_taken');
    expect((await me(person.cookie)).email).toBe(person.email);
  });

  it('mails at most one confirmation a minute per account, and a new request replaces the pending one', async () => {
    const person = await t.createUser();
    const first = freshEmail();
    await ask(person, first);
    const again = await ask(person, freshEmail());
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('rate_limited');
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    // A minute later, the second request replaces the first link.
    const token = await tokenFrom(first);
    await t.hub.db.update(emailChanges).set({ createdAt: new Date(Date.now() - 61_000) }).where(eq(emailChanges.userId, person.id));
    const second = freshEmail();
    expect((await ask(person, second)).statusCode).toBe(202);
    expect((await confirm(token)).json().code).toBe('invalid_token');
    expect((await confirm(await tokenFrom(second))).statusCode).toBe(200);
  });
});

describe('exporting my data', () => {
  it('downloads everything the hub holds about me as a JSON attachment, one section per domain', async () => {
    const person = await t.createUser({ name: 'Rita Exportadora' });
    const { org } = await orgs.approvedOrganisation();
    const pending = await orgs.apply(person);
    const join = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: person.cookie, payload: { message: 'Trabajo en el barrio.' } });
    expect(join.statusCode).toBe(201);
    const other = await t.createUser({ name: 'Otro Integrante' });
    const sent = await t.request({ method: 'POST', url: `/api/people/${other.id}/messages`, cookie: person.cookie, payload: { subject: 'Hola', body: 'Un saludo.' } });
    expect(sent.statusCode).toBe(201);

    const response = await t.request({ method: 'GET', url: '/api/me/export', cookie: person.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="mutirao-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json();
    expect(data).toMatchObject({ format: 'mutirao.personal-data.v1', userId: person.id });
    expect(data.sections.accounts.account).toMatchObject({ name: 'Rita Exportadora', email: person.email });
    expect(data.sections.accounts.account).not.toHaveProperty('passwordHash');
    expect(data.sections.accounts.sessions.length).toBeGreaterThan(0);
    expect(data.sections.accounts.rightsAudit.map((a: { action: string }) => a.action)).toEqual(['data_exported']);
    expect(data.sections.organisations.applications.map((a: { slug: string }) => a.slug)).toEqual([pending.slug]);
    expect(data.sections.organisations.joinRequests).toMatchObject([{ organisation: { slug: org.slug }, message: 'Trabajo en el barrio.', status: 'pending' }]);
    expect(data.sections.organisations.auditEntries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['organisation.applied', 'join.requested'])
    );
    expect(data.sections.contact.messages).toMatchObject([{ direction: 'sent', with: 'Otro Integrante', subject: 'Hola' }]);
    // Nobody else's address is in my export.
    expect(response.body).not.toContain(other.email);
  });

  it('holds nothing of another person’s', async () => {
    const person = await t.createUser();
    const other = await t.createUser({ name: 'Persona Ajena' });
    await orgs.apply(other);
    const data = (await t.request({ method: 'GET', url: '/api/me/export', cookie: person.cookie })).json();
    expect(data.sections.organisations.applications).toEqual([]);
    expect(JSON.stringify(data)).not.toContain(other.id);
  });
});

describe('deleting my account', () => {
  const del = (person: TestUser, body: Record<string, unknown> = { password: PASSWORD, confirm: true }, cookie = person.cookie) =>
    t.request({ method: 'POST', url: '/api/me/delete', cookie, payload: body });

  it('ends every session, removes memberships, erases personal data and keeps the row as a former member', async () => {
    const person = await t.createUser({ name: 'Sara Saliente' });
    const secondDevice = sessionCookieFrom(await signIn(person.email));
    const { org, admin } = await orgs.approvedOrganisation();
    const join = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: person.cookie, payload: { message: 'Hola' } });
    const approve = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests/${join.json().joinRequest.id}/approve`, cookie: admin.cookie });
    expect(approve.statusCode).toBe(200);

    const response = await del(person);
    expect(response.statusCode, response.body).toBe(204);
    expect(String(response.headers['set-cookie'])).toMatch(/mutirao_session=;/);

    expect((await t.request({ method: 'GET', url: '/api/me', cookie: person.cookie })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: secondDevice })).statusCode).toBe(401);
    expect(await t.hub.db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect((await signIn(person.email)).statusCode).toBe(401);

    const row = await userRow(person.id);
    expect(row).toMatchObject({ name: 'Ex-integrante', bio: null, organisationName: null, role: 'member' });
    expect(row.deletedAt).not.toBeNull();
    expect(row.email).not.toContain(person.email.split('@')[0]);
    expect(await t.hub.db.select().from(organisationMembers).where(eq(organisationMembers.userId, person.id))).toEqual([]);
    // The organisation's trail keeps what happened, under the anonymised account.
    const trail = await t.hub.db.select().from(organisationAudit).where(eq(organisationAudit.subjectUserId, person.id));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['join.approved', 'member.left']));
    // The audit says an account was deleted, and nothing about whose beyond its id.
    const audit = await t.hub.db.select().from(accountAudit).where(eq(accountAudit.userId, person.id));
    expect(audit.map((a) => a.action)).toEqual(['account_deleted']);
    expect(Object.keys(audit[0]).sort()).toEqual(['action', 'at', 'id', 'userId']);
    // Admins' list of people no longer shows the account.
    // (Read through the repo: another admin here would spoil the last-admin case below.)
    const listed = await listUsers(t.hub.db, 'Ex-integrante', 1, 100);
    expect(listed.items.map((u) => u.id)).not.toContain(person.id);
    // The address is free for a new account.
    expect((await t.createUser({ email: person.email })).id).not.toBe(person.id);
  });

  it('erases the profile and its photo, and the profile is no longer found', async () => {
    const person = await t.createUser({ name: 'Pía Perfil' });
    const viewer = await t.createUser();
    const saved = await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: person.cookie, payload: { headline: 'Urbanista en Valparaíso', visibility: 'members' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const filesBefore = await filesUnder(t.config.uploadsDir);
    const photo = multipart('photo', 'me.png', 'image/png', TINY_PNG);
    expect((await t.request({ method: 'POST', url: '/api/me/profile/photo', cookie: person.cookie, ...photo })).statusCode).toBe(200);
    expect((await filesUnder(t.config.uploadsDir)).length).toBeGreaterThan(filesBefore.length);

    const exported = (await t.request({ method: 'GET', url: '/api/me/export', cookie: person.cookie })).json();
    expect(exported.sections.people.profile).toMatchObject({ headline: 'Urbanista en Valparaíso', visibility: 'members' });
    expect(exported.sections.people.profile.photo).toMatch(new RegExp(`^/api/people/${person.id}/photo`));

    expect((await del(person)).statusCode).toBe(204);
    expect(await t.hub.db.select().from(peopleProfiles).where(eq(peopleProfiles.userId, person.id))).toEqual([]);
    expect(await filesUnder(t.config.uploadsDir)).toEqual(filesBefore);
    expect((await t.request({ method: 'GET', url: `/api/people/${person.id}`, cookie: viewer.cookie })).statusCode).toBe(404);
  });

  it('withdraws open requests to join and detaches pending applications, so approval later makes nobody admin', async () => {
    const person = await t.createUser();
    const pending = await orgs.apply(person);
    const { org } = await orgs.approvedOrganisation();
    await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: person.cookie, payload: { message: 'Hola' } });
    expect((await del(person)).statusCode).toBe(204);
    expect(await t.hub.db.select().from(organisationJoinRequests).where(eq(organisationJoinRequests.userId, person.id))).toEqual([]);
    const [application] = await t.hub.db.select().from(organisations).where(eq(organisations.id, pending.id));
    expect(application.applicantId).toBeNull();
    await orgs.decide(pending.slug, 'approve');
    expect(await t.hub.db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, pending.id))).toEqual([]);
  });

  it('refuses the only admin of an organisation, naming it, and changes nothing', async () => {
    const { org, admin } = await orgs.approvedOrganisation({ name: 'Techo Digno' });
    const response = await del(admin);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'account_deletion_blocked',
      fields: [{ field: `organisation_last_admin.${org.slug}`, code: 'organisation_last_admin', message: 'Techo Digno' }]
    });
    expect(response.json().detail).toContain('Techo Digno');
    expect((await me(admin.cookie)).email).toBe(admin.email);
    expect((await userRow(admin.id)).deletedAt).toBeNull();
  });

  it('refuses the hub’s last admin', async () => {
    const admin = await t.createUser({ role: 'admin' });
    const response = await del(admin);
    expect(response.statusCode).toBe(409);
    expect(response.json().fields).toEqual([{ field: 'hub_last_admin.hub', code: 'hub_last_admin', message: 'Mutirão' }]);
  });

  it('refuses a wrong password and a request without the confirmation', async () => {
    const person = await t.createUser();
    const wrong = await del(person, { password: 'not my password at all', confirm: true });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'wrong_password', fields: [{ field: 'body.password' }] });
    const unconfirmed = await del(person, { password: PASSWORD });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json()).toMatchObject({ code: 'validation_failed', fields: [{ field: 'body.confirm' }] });
    expect((await me(person.cookie)).email).toBe(person.email);
  });
});
