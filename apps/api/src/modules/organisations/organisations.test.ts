import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import {
  liveEvents,
  organisationInvitations,
  organisationJoinRequests,
  organisationMembers,
  organisations
} from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { databaseFingerprint, filesUnder } from '../../../../../tests/fixtures/snapshot';
import type { Actor } from '../../auth/can';
import { CLEAN_SVG, TINY_PNG, organisationFixtures } from './organisations.fixtures';

let t: TestHub;
let coordinator: TestUser;
beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
});
afterAll(async () => {
  await t?.close();
});

const { apply, application, approvedOrganisation, decide, directory, profile, rowCount, uploadLogo } = organisationFixtures(() => ({
  t,
  coordinator
}));

describe('applying', () => {
  it('keeps a new application pending and out of public view until a coordinator decides', async () => {
    const applicant = await t.createUser();
    const other = await t.createUser();
    const org = await apply(applicant, { name: 'Rede Moradia Popular' });
    expect(org).toMatchObject({ status: 'pending', slug: 'rede-moradia-popular' });

    const mine = await t.request({ method: 'GET', url: '/api/me/organisations', cookie: applicant.cookie });
    expect(mine.json().applications).toEqual([expect.objectContaining({ id: org.id, status: 'pending' })]);
    expect(mine.json().memberships).toEqual([]);

    expect((await profile(org.slug)).statusCode).toBe(404);
    expect((await profile(org.slug, other.cookie)).statusCode).toBe(404);
    expect((await profile(org.slug, applicant.cookie)).json().organisation.status).toBe('pending');
    expect((await profile(org.slug, coordinator.cookie)).statusCode).toBe(200);

    await t.hub.search.drain();
    expect((await directory('q=Rede%20Moradia%20Popular')).items.map((i) => i.slug)).not.toContain(org.slug);
  });

  it('lets the applicant edit a pending application, and the slug follows the name until approval only', async () => {
    const applicant = await t.createUser();
    const org = await apply(applicant, { name: 'Techo Digno' });
    const edited = await t.request({
      method: 'PATCH',
      url: `/api/organisations/${org.slug}`,
      cookie: applicant.cookie,
      payload: { name: 'Techo Digno Uruguay', countries: ['UY'] }
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().organisation).toMatchObject({ name: 'Techo Digno Uruguay', slug: 'techo-digno-uruguay', countries: ['UY'] });

    // While pending, the slug followed the rename: the paths use the new one.
    await decide('techo-digno-uruguay', 'approve');
    const renamed = await t.request({
      method: 'PATCH',
      url: '/api/organisations/techo-digno-uruguay',
      cookie: applicant.cookie,
      payload: { name: 'Techo Digno del Uruguay' }
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().organisation).toMatchObject({ name: 'Techo Digno del Uruguay', slug: 'techo-digno-uruguay' });
    expect((await profile('techo-digno-uruguay')).json().organisation.name).toBe('Techo Digno del Uruguay');
  });

  it('refuses a member organisation’s name, even with other case, accents and spaces', async () => {
    const first = await t.createUser();
    const second = await t.createUser();
    const member = await apply(first, { name: 'Fundación Vivienda Solidaria' });
    await decide(member.slug, 'approve');
    const before = await rowCount(organisations);
    const clash = await t.request({
      method: 'POST',
      url: '/api/organisations',
      cookie: second.cookie,
      payload: application({ name: '  fundacion   VIVIENDA solidaria ' })
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      code: 'organisation_name_taken',
      fields: [expect.objectContaining({ field: 'body.name', code: 'taken' })]
    });
    expect(await rowCount(organisations)).toBe(before);
  });

  it('accepts the name of a pending or suspended organisation, so applying never confirms a hidden one exists', async () => {
    const pendingOwner = await t.createUser();
    const suspendedOwner = await t.createUser();
    const newcomer = await t.createUser();
    const pending = await apply(pendingOwner, { name: 'Moradia Oculta' });
    const { org: suspended } = await approvedOrganisation({ name: 'Vivienda Suspendida' });
    await decide(suspended.slug, 'suspend', 'Under review.');
    void suspendedOwner;

    const samePending = await apply(newcomer, { name: 'moradia  OCULTA' });
    const sameSuspended = await apply(newcomer, { name: 'Vivienda Suspendida' });
    expect([samePending.status, sameSuspended.status]).toEqual(['pending', 'pending']);

    // The coordinators see each clash, on both sides, as a possible duplicate.
    const queue = (await t.request({ method: 'GET', url: '/api/admin/organisations?status=pending', cookie: coordinator.cookie })).json();
    const entry = (id: string) => queue.items.find((i: { organisation: { id: string } }) => i.organisation.id === id);
    expect(entry(samePending.id).possibleDuplicates).toEqual([
      { id: pending.id, slug: pending.slug, name: 'Moradia Oculta', status: 'pending' }
    ]);
    expect(entry(pending.id).possibleDuplicates).toEqual([expect.objectContaining({ id: samePending.id, status: 'pending' })]);
    expect(entry(sameSuspended.id).possibleDuplicates).toEqual([expect.objectContaining({ id: suspended.id, status: 'suspended' })]);
    const suspendedTab = (await t.request({ method: 'GET', url: '/api/admin/organisations?status=suspended', cookie: coordinator.cookie })).json();
    expect(suspendedTab.items.find((i: { organisation: { id: string } }) => i.organisation.id === suspended.id).possibleDuplicates).toEqual([
      expect.objectContaining({ id: sameSuspended.id })
    ]);
    const unrelated = await apply(newcomer, { name: 'Nombre Sin Parecido' });
    const fresh = (await t.request({ method: 'GET', url: '/api/admin/organisations/queue', cookie: coordinator.cookie })).json();
    expect(fresh.items.find((i: { organisation: { id: string } }) => i.organisation.id === unrelated.id).possibleDuplicates).toEqual([]);

    // Only one of them can become a member: the second approval, or reinstating, is refused.
    await decide(samePending.slug, 'approve');
    const second = await t.request({ method: 'POST', url: `/api/admin/organisations/${pending.slug}/approve`, cookie: coordinator.cookie });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('organisation_name_taken');
    await decide(sameSuspended.slug, 'approve');
    const reinstate = await t.request({ method: 'POST', url: `/api/admin/organisations/${suspended.slug}/reinstate`, cookie: coordinator.cookie });
    expect(reinstate.statusCode).toBe(409);
    expect((await profile(pending.slug, coordinator.cookie)).json().organisation.status).toBe('pending');
  });

  it('refuses renaming to a member organisation’s name, but not to a hidden one’s', async () => {
    const applicant = await t.createUser();
    const { org: member } = await approvedOrganisation({ name: 'Techo Propio Miembro' });
    const hidden = await apply(await t.createUser(), { name: 'Techo Propio Pendiente' });
    const mine = await apply(applicant, { name: 'Techo Propio Nuevo' });
    const toMember = await t.request({ method: 'PATCH', url: `/api/organisations/${mine.slug}`, cookie: applicant.cookie, payload: { name: member.name } });
    expect(toMember.statusCode).toBe(409);
    const toHidden = await t.request({ method: 'PATCH', url: `/api/organisations/${mine.slug}`, cookie: applicant.cookie, payload: { name: hidden.name } });
    expect(toHidden.statusCode).toBe(200);
  });

  it('frees a rejected application’s name, and gives clashing slugs a suffix', async () => {
    const applicant = await t.createUser();
    const org = await apply(applicant, { name: 'Hábitat Sur' });
    await decide(org.slug, 'reject', 'Duplicate of an existing member.');
    const again = await apply(applicant, { name: 'Habitat Sur' });
    expect(again.slug).toBe('habitat-sur-2');
  });

  it('refuses bad input with the failing fields and saves nothing', async () => {
    const applicant = await t.createUser();
    const before = await rowCount(organisations);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ countries: ['BR', 'ZZ'] }, 'body.countries.1'],
      [{ hqCountry: 'XX' }, 'body.hqCountry'],
      [{ type: 'cartel' }, 'body.type'],
      [{ themes: ['gender', 'astrology'] }, 'body.themes.1'],
      [{ name: 'x'.repeat(161) }, 'body.name'],
      [{ description: 'd'.repeat(1001) }, 'body.description'],
      [{ hqCity: 'c'.repeat(121) }, 'body.hqCity'],
      [{ website: 'javascript:alert(1)' }, 'body.website'],
      [{ contactEmail: 'not an email' }, 'body.contactEmail'],
      [{ foundedYear: new Date().getUTCFullYear() + 1 }, 'body.foundedYear'],
      [{ descriptionLocale: 'fr' }, 'body.descriptionLocale'],
      [{ status: 'approved' }, 'body.status']
    ];
    for (const [overrides, field] of cases) {
      const response = await t.request({ method: 'POST', url: '/api/organisations', cookie: applicant.cookie, payload: application(overrides) });
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().fields.map((f: { field: string }) => f.field), JSON.stringify(overrides)).toContain(field);
    }
    const missing = await t.request({ method: 'POST', url: '/api/organisations', cookie: applicant.cookie, payload: { name: 'Solo nombre' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['body.type', 'body.countries', 'body.hqCity', 'body.contactEmail', 'body.description'])
    );
    expect(await rowCount(organisations)).toBe(before);

    // Edits are held to the same rules.
    const org = await apply(applicant);
    const bad = await t.request({ method: 'PATCH', url: `/api/organisations/${org.slug}`, cookie: applicant.cookie, payload: { countries: ['QQ'], name: 'Nuevo' } });
    expect(bad.statusCode).toBe(400);
    expect((await profile(org.slug, applicant.cookie)).json().organisation.name).toBe(org.name);
  });

  it('needs a signed-in member to apply', async () => {
    const response = await t.request({ method: 'POST', url: '/api/organisations', payload: application() });
    expect(response.statusCode).toBe(401);
  });
});

describe('review', () => {
  it('shows coordinators the queue, oldest first, with the applicant; refuses members and visitors', async () => {
    const first = await t.createUser({ name: 'Primera Persona' });
    const second = await t.createUser({ name: 'Segunda Persona' });
    const a = await apply(first, { name: 'Cola Uno' });
    const b = await apply(second, { name: 'Cola Dos' });
    const queue = await t.request({ method: 'GET', url: '/api/admin/organisations/queue', cookie: coordinator.cookie });
    expect(queue.statusCode).toBe(200);
    const ids = queue.json().items.map((i: { organisation: { id: string } }) => i.organisation.id);
    expect(ids.indexOf(a.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    const entry = queue.json().items.find((i: { organisation: { id: string } }) => i.organisation.id === b.id);
    expect(entry.applicant).toMatchObject({ id: second.id, name: 'Segunda Persona', email: second.email });

    expect((await t.request({ method: 'GET', url: '/api/admin/organisations/queue', cookie: first.cookie })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/admin/organisations/queue' })).statusCode).toBe(401);
  });

  it('approves: the applicant becomes the first admin and hears of it by mail, in their language, and live', async () => {
    const applicant = await t.createUser({ name: 'Rosa Quispe' });
    await t.request({ method: 'PATCH', url: '/api/me', cookie: applicant.cookie, payload: { locale: 'es' } });
    const org = await apply(applicant, { name: 'Vivienda Andina' });
    const approved = await decide(org.slug, 'approve');
    expect(approved).toMatchObject({ status: 'approved', statusReason: null });
    expect(approved.approvedAt).toEqual(expect.any(String));

    const view = (await profile(org.slug, applicant.cookie)).json();
    expect(view.viewer).toMatchObject({ role: 'admin', canEdit: true, canManageStaff: true });
    expect(view.staff).toEqual([expect.objectContaining({ userId: applicant.id, role: 'admin' })]);
    expect((await profile(org.slug)).statusCode).toBe(200);

    const mail = (await t.mail()).find((m) => m.to === applicant.email);
    expect(mail?.subject).toBe('Vivienda Andina ya es miembro de Mutirão');
    expect(mail?.text).toContain(`${t.config.publicOrigin}/organisations/${org.slug}`);

    const events = await t.hub.db.select().from(liveEvents).where(eq(liveEvents.topic, `user:${applicant.id}`));
    expect(events).toEqual([expect.objectContaining({ type: 'notification.created' })]);

    const again = await t.request({ method: 'POST', url: `/api/admin/organisations/${org.slug}/approve`, cookie: coordinator.cookie });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_status');
  });

  it('rejects with a reason the applicant can read; the organisation never becomes public', async () => {
    const applicant = await t.createUser();
    const org = await apply(applicant, { name: 'Proyecto Rechazado' });
    const noReason = await t.request({ method: 'POST', url: `/api/admin/organisations/${org.slug}/reject`, cookie: coordinator.cookie, payload: {} });
    expect(noReason.statusCode).toBe(400);
    await decide(org.slug, 'reject', 'No evidence of work in the region.');

    const mine = (await t.request({ method: 'GET', url: '/api/me/organisations', cookie: applicant.cookie })).json();
    expect(mine.applications[0]).toMatchObject({ status: 'rejected', statusReason: 'No evidence of work in the region.' });
    const mail = (await t.mail()).find((m) => m.to === applicant.email);
    expect(mail?.subject).toContain('was not approved');
    expect(mail?.text).toContain('No evidence of work in the region.');
    const events = await t.hub.db.select().from(liveEvents).where(eq(liveEvents.topic, `user:${applicant.id}`));
    expect(events.map((e) => e.type)).toEqual(['notification.created']);
    expect((await profile(org.slug)).statusCode).toBe(404);
    // The applicant may no longer edit a decided application.
    const edit = await t.request({ method: 'PATCH', url: `/api/organisations/${org.slug}`, cookie: applicant.cookie, payload: { hqCity: 'Lima' } });
    expect(edit.statusCode).toBe(403);
  });

  it('suspends (hidden everywhere public, reason recorded) and reinstates, all in the audit trail', async () => {
    const { org, admin } = await approvedOrganisation({ name: 'Cooperativa Suspendida' });
    await t.hub.search.drain();
    expect((await directory('q=Cooperativa%20Suspendida')).items.map((i) => i.slug)).toContain(org.slug);

    await decide(org.slug, 'suspend', 'Misleading claims on the profile.');
    await t.hub.search.drain();
    expect((await directory('q=Cooperativa%20Suspendida')).items.map((i) => i.slug)).not.toContain(org.slug);
    expect((await profile(org.slug)).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/organisations/newest?limit=24` })).json().items.map((i: { id: string }) => i.id)).not.toContain(org.id);
    const own = (await profile(org.slug, admin.cookie)).json();
    expect(own.organisation).toMatchObject({ status: 'suspended', statusReason: 'Misleading claims on the profile.' });

    await decide(org.slug, 'reinstate');
    await t.hub.search.drain();
    expect((await directory('q=Cooperativa%20Suspendida')).items.map((i) => i.slug)).toContain(org.slug);
    expect((await profile(org.slug)).json().organisation.statusReason).toBeNull();

    const audit = await t.request({ method: 'GET', url: `/api/admin/organisations/${org.slug}/audit`, cookie: coordinator.cookie });
    expect(audit.statusCode).toBe(200);
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['status.reinstated', 'status.suspended', 'member.added', 'status.approved', 'organisation.applied']);
    const suspension = audit.json().items[1];
    expect(suspension).toMatchObject({ actor: { id: coordinator.id, name: 'Carla Coordinadora' }, details: { reason: 'Misleading claims on the profile.' } });
    expect((await t.request({ method: 'GET', url: `/api/admin/organisations/${org.slug}/audit`, cookie: admin.cookie })).statusCode).toBe(403);
  });
});

describe('staff', () => {
  it('lets a member ask to join with a message; an admin approves; the profile lists them', async () => {
    const { org, admin } = await approvedOrganisation({ name: 'Casa Comum Coletivo' });
    const joiner = await t.createUser({ name: 'Joana Joiner' });
    const ask = await t.request({
      method: 'POST',
      url: `/api/organisations/${org.slug}/join-requests`,
      cookie: joiner.cookie,
      payload: { message: 'Trabalho na equipe de campo desde 2021.' }
    });
    expect(ask.statusCode, ask.body).toBe(201);
    const twice = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: joiner.cookie, payload: { message: '' } });
    expect(twice.json().code).toBe('join_request_pending');
    expect((await profile(org.slug, joiner.cookie)).json().viewer).toMatchObject({ joinRequestPending: true, canRequestToJoin: false });

    const adminEvents = await t.hub.db.select().from(liveEvents).where(eq(liveEvents.topic, `user:${admin.id}`));
    expect(adminEvents.map((e) => e.type)).toContain('notification.created');

    const list = await t.request({ method: 'GET', url: `/api/organisations/${org.slug}/join-requests`, cookie: admin.cookie });
    expect(list.json().items).toEqual([
      expect.objectContaining({ message: 'Trabalho na equipe de campo desde 2021.', user: expect.objectContaining({ name: 'Joana Joiner' }) })
    ]);
    const requestId = list.json().items[0].id;
    const ok = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests/${requestId}/approve`, cookie: admin.cookie });
    expect(ok.statusCode).toBe(200);
    const decidedTwice = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests/${requestId}/decline`, cookie: admin.cookie });
    expect(decidedTwice.json().code).toBe('already_decided');

    const publicStaff = (await profile(org.slug)).json().staff;
    expect(publicStaff.map((s: { name: string }) => s.name).sort()).toEqual(['Ana Admin', 'Joana Joiner']);
    expect(publicStaff.every((s: { email: string | null }) => s.email === null)).toBe(true);
    const mine = (await t.request({ method: 'GET', url: '/api/me/organisations', cookie: joiner.cookie })).json();
    expect(mine.memberships).toEqual([expect.objectContaining({ role: 'member', listed: true })]);
    expect(mine.joinRequests[0].status).toBe('approved');
    const again = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: joiner.cookie, payload: { message: '' } });
    expect(again.json().code).toBe('already_member');
  });

  it('cannot ask to join an organisation that is not approved', async () => {
    const applicant = await t.createUser();
    const org = await apply(applicant);
    const joiner = await t.createUser();
    const ask = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: joiner.cookie, payload: { message: 'hola' } });
    expect(ask.statusCode).toBe(404);
  });

  it('keeps the last admin: they cannot leave, be removed or demoted until someone else is admin', async () => {
    const { org, admin } = await approvedOrganisation();
    const leave = await t.request({ method: 'DELETE', url: `/api/organisations/${org.slug}/members/${admin.id}`, cookie: admin.cookie });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().code).toBe('last_admin');
    const demote = await t.request({ method: 'PATCH', url: `/api/organisations/${org.slug}/members/${admin.id}`, cookie: coordinator.cookie, payload: { role: 'member' } });
    expect(demote.json().code).toBe('last_admin');
    const removeByCoordinator = await t.request({ method: 'DELETE', url: `/api/organisations/${org.slug}/members/${admin.id}`, cookie: coordinator.cookie });
    expect(removeByCoordinator.json().code).toBe('last_admin');

    // Someone joins by invitation, is made admin; now the first admin may leave.
    const colleague = await t.createUser();
    await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/invitations`, cookie: admin.cookie, payload: { email: colleague.email } });
    const token = new URL(await t.linkFromMail(colleague.email, '/invitations/')).pathname.split('/').pop();
    expect((await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, cookie: colleague.cookie, payload: {} })).statusCode).toBe(200);
    const promote = await t.request({ method: 'PATCH', url: `/api/organisations/${org.slug}/members/${colleague.id}`, cookie: admin.cookie, payload: { role: 'admin' } });
    expect(promote.json()).toEqual({ role: 'admin', listed: true });
    expect((await t.request({ method: 'DELETE', url: `/api/organisations/${org.slug}/members/${admin.id}`, cookie: admin.cookie })).statusCode).toBe(204);
    const [{ n }] = await t.hub.db.select({ n: count() }).from(organisationMembers).where(eq(organisationMembers.organisationId, org.id));
    expect(n).toBe(1);
    const audit = (await t.request({ method: 'GET', url: `/api/admin/organisations/${org.slug}/audit`, cookie: coordinator.cookie })).json().items;
    expect(audit.slice(0, 4).map((e: { action: string }) => e.action)).toEqual([
      'member.left',
      'member.role_changed',
      'invitation.accepted',
      'invitation.sent'
    ]);
    expect(audit[1]).toMatchObject({ subject: { id: colleague.id }, details: { from: 'member', to: 'admin' } });
  });

  it('lets anyone leave, and people hide themselves from the public page', async () => {
    const { org, admin } = await approvedOrganisation();
    const member = await t.createUser({ name: 'Quieta Persona' });
    await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/invitations`, cookie: admin.cookie, payload: { email: member.email } });
    const token = new URL(await t.linkFromMail(member.email, '/invitations/')).pathname.split('/').pop();
    await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, cookie: member.cookie, payload: {} });

    const hide = await t.request({ method: 'PATCH', url: `/api/organisations/${org.slug}/members/${member.id}`, cookie: member.cookie, payload: { listed: false } });
    expect(hide.statusCode).toBe(200);
    expect((await profile(org.slug)).json().staff.map((s: { name: string }) => s.name)).not.toContain('Quieta Persona');
    const adminView = (await profile(org.slug, admin.cookie)).json().staff;
    expect(adminView).toContainEqual(expect.objectContaining({ name: 'Quieta Persona', listed: false, email: member.email }));
    // A member cannot make themself admin.
    const grab = await t.request({ method: 'PATCH', url: `/api/organisations/${org.slug}/members/${member.id}`, cookie: member.cookie, payload: { role: 'admin' } });
    expect(grab.statusCode).toBe(403);

    expect((await t.request({ method: 'DELETE', url: `/api/organisations/${org.slug}/members/${member.id}`, cookie: member.cookie })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/me/organisations', cookie: member.cookie })).json().memberships).toEqual([]);
  });

  it('lets a person belong to several organisations', async () => {
    const a = await approvedOrganisation();
    const b = await approvedOrganisation();
    const person = await t.createUser();
    for (const { org, admin } of [a, b]) {
      await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/invitations`, cookie: admin.cookie, payload: { email: person.email } });
      const token = new URL(await t.linkFromMail(person.email, '/invitations/')).pathname.split('/').pop();
      expect((await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, cookie: person.cookie, payload: {} })).statusCode).toBe(200);
    }
    const mine = (await t.request({ method: 'GET', url: '/api/me/organisations', cookie: person.cookie })).json();
    expect(mine.memberships.map((m: { organisation: { id: string } }) => m.organisation.id).sort()).toEqual([a.org.id, b.org.id].sort());
  });
});

describe('invitations', () => {
  async function invite(email: string, role: 'admin' | 'member' = 'member') {
    const { org, admin } = await approvedOrganisation();
    const response = await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/invitations`, cookie: admin.cookie, payload: { email, role } });
    expect(response.statusCode, response.body).toBe(201);
    const link = await t.linkFromMail(email, '/invitations/');
    return { org, admin, token: new URL(link).pathname.split('/').pop()! };
  }

  it('mails a link that shows the organisation, works once, and makes the person staff with the role', async () => {
    const email = `newcomer-${Date.now()}@example.org`;
    const { org, token } = await invite(email, 'admin');
    const preview = await t.request({ method: 'GET', url: `/api/invitations/${token}` });
    expect(preview.json()).toMatchObject({ organisation: { id: org.id, name: org.name }, role: 'admin', state: 'open' });
    expect(preview.json().email).toMatch(/^n\*\*\*\d@example\.org$/);

    // No account yet: the web sends them to sign up with next=/invitations/<token>; then they accept.
    expect((await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: {} })).statusCode).toBe(401);
    const newcomer = await t.createUser({ email });
    const accepted = await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, cookie: newcomer.cookie, payload: {} });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ organisation: { slug: org.slug }, role: 'admin' });
    expect((await profile(org.slug, newcomer.cookie)).json().viewer.role).toBe('admin');

    const reuse = await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, cookie: (await t.createUser()).cookie, payload: { confirmDifferentAccount: true } });
    expect(reuse.statusCode).toBe(410);
    expect(reuse.json().code).toBe('invitation_used');
    expect((await t.request({ method: 'GET', url: `/api/invitations/${token}` })).json().state).toBe('used');
  });

  it('stops working after it expires', async () => {
    const person = await t.createUser();
    const { org, token } = await invite(person.email);
    await t.hub.db.update(organisationInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(organisationInvitations.organisationId, org.id));
    expect((await t.request({ method: 'GET', url: `/api/invitations/${token}` })).json().state).toBe('expired');
    const late = await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, cookie: person.cookie, payload: {} });
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('invitation_expired');
    expect(await t.hub.db.select().from(organisationMembers).where(eq(organisationMembers.userId, person.id))).toEqual([]);
  });

  it('asks for confirmation before a different signed-in account uses it', async () => {
    const { org, token } = await invite(`invited-${Date.now()}@example.org`);
    const someoneElse = await t.createUser();
    const mismatch = await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, cookie: someoneElse.cookie, payload: {} });
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json().code).toBe('invitation_email_mismatch');
    expect(await t.hub.db.select().from(organisationMembers).where(eq(organisationMembers.userId, someoneElse.id))).toEqual([]);
    expect((await t.request({ method: 'GET', url: `/api/invitations/${token}` })).json().state).toBe('open');

    const confirmed = await t.request({ method: 'POST', url: `/api/invitations/${token}/accept`, cookie: someoneElse.cookie, payload: { confirmDifferentAccount: true } });
    expect(confirmed.statusCode).toBe(200);
    const [entry] = (await t.request({ method: 'GET', url: `/api/admin/organisations/${org.slug}/audit`, cookie: coordinator.cookie })).json().items;
    expect(entry).toMatchObject({ action: 'invitation.accepted', details: { differentAccount: true } });
  });

  it('answers an unknown link with 404', async () => {
    const response = await t.request({ method: 'GET', url: `/api/invitations/${'x'.repeat(32)}` });
    expect(response.statusCode).toBe(404);
  });
});

describe('logo', () => {
  const sizes = [64, 128, 256];
  const logoFiles = async (orgId: string) => {
    const folders = (await readdir(join(t.config.uploadsDir, 'logos')).catch(() => [] as string[])).filter((f) => f.startsWith(orgId));
    return Promise.all(folders.map(async (folder) => ({ folder, files: (await readdir(join(t.config.uploadsDir, 'logos', folder))).sort() })));
  };

  it('re-encodes a PNG into 64, 128 and 256 px WebP, served by size with nosniff', async () => {
    const { org, admin } = await approvedOrganisation();
    const response = await uploadLogo(org.slug, admin.cookie, { name: 'logo.png', type: 'image/png', bytes: TINY_PNG });
    expect(response.statusCode, response.body).toBe(200);
    const url = response.json().organisation.logoUrl as string;
    expect(url).toMatch(new RegExp(`^/api/organisations/${org.slug}/logo\\?v=[0-9a-f]{12}$`));
    for (const size of sizes) {
      const served = await t.request({ method: 'GET', url: `${url}&size=${size}` });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers['cache-control']).toBe('public, max-age=86400');
      expect(await sharp(served.rawPayload).metadata()).toMatchObject({ format: 'webp', width: size, height: size });
    }
    const plain = await t.request({ method: 'GET', url });
    expect((await sharp(plain.rawPayload).metadata()).width).toBe(128);
    expect((await t.request({ method: 'GET', url: `${url}&size=100` })).statusCode).toBe(400);
    expect(await logoFiles(org.id)).toEqual([{ folder: expect.any(String), files: ['128.webp', '256.webp', '64.webp'] }]);
  });

  it('judges by the bytes: a text file named .png is refused and nothing is stored', async () => {
    const { org, admin } = await approvedOrganisation();
    const response = await uploadLogo(org.slug, admin.cookie, { name: 'x.png', type: 'image/png', bytes: Buffer.from('just some text, not an image') });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([expect.objectContaining({ field: 'logo', code: 'not_an_image' })]);
    expect((await profile(org.slug)).json().organisation.logoUrl).toBeNull();
    expect(await logoFiles(org.id)).toEqual([]);
  });

  it('refuses a file over 2 MB with 413 naming the field', async () => {
    const { org, admin } = await approvedOrganisation();
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const response = await uploadLogo(org.slug, admin.cookie, { name: 'big.png', type: 'image/png', bytes: big });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'logo_too_large', fields: [expect.objectContaining({ field: 'logo' })] });
    expect((await profile(org.slug)).json().organisation.logoUrl).toBeNull();
  });

  it('refuses an upload with a second file or an extra field, keeping the logo it had', async () => {
    const { org, admin } = await approvedOrganisation();
    const boundary = '----mutiraotwofiles';
    const part = (name: string, filename: string | null, body: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n` +
            (filename ? 'Content-Type: image/png\r\n' : '') +
            '\r\n'
        ),
        body,
        Buffer.from('\r\n')
      ]);
    const bodies = [
      [part('logo', 'a.png', TINY_PNG), part('logo', 'b.png', TINY_PNG)],
      [part('logo', 'a.png', TINY_PNG), part('other', 'b.png', TINY_PNG)],
      [part('logo', 'a.png', TINY_PNG), part('note', null, Buffer.from('hello'))]
    ];
    for (const parts of bodies) {
      const response = await t.request({
        method: 'POST',
        url: `/api/organisations/${org.slug}/logo`,
        cookie: admin.cookie,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)])
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().fields).toEqual([expect.objectContaining({ field: 'logo', code: 'one_file' })]);
    }
    expect((await profile(org.slug)).json().organisation.logoUrl).toBeNull();
    expect(await logoFiles(org.id)).toEqual([]);
  });

  it('turns any SVG, hostile ones included, into raster WebP: nothing of the SVG is ever served', async () => {
    const { org, admin } = await approvedOrganisation();
    const hostile = [
      // The payload the outside probe got past the hand-written filter.
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><a><set attributeName="href" to="java&#9;script:alert(1)"/><rect width="10" height="10"/></a></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>',
      CLEAN_SVG.toString()
    ];
    for (const svg of hostile) {
      const response = await uploadLogo(org.slug, admin.cookie, { name: 'logo.svg', type: 'image/svg+xml', bytes: Buffer.from(svg) });
      expect(response.statusCode, response.body).toBe(200);
      const served = await t.request({ method: 'GET', url: `${response.json().organisation.logoUrl}&size=256` });
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['content-security-policy']).toContain("default-src 'none'");
      expect((await sharp(served.rawPayload).metadata()).format).toBe('webp');
      expect(served.rawPayload.toString('latin1')).not.toMatch(/<svg|script|javascript/i);
    }
    // Each replacement removed the sizes of the logo before it.
    expect(await logoFiles(org.id)).toHaveLength(1);
  });

  it('removes the logo and its files', async () => {
    const { org, admin } = await approvedOrganisation();
    const uploaded = await uploadLogo(org.slug, admin.cookie, { name: 'logo.png', type: 'image/png', bytes: TINY_PNG });
    const url = uploaded.json().organisation.logoUrl as string;
    const removed = await t.request({ method: 'DELETE', url: `/api/organisations/${org.slug}/logo`, cookie: admin.cookie });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().organisation.logoUrl).toBeNull();
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(404);
    expect(await logoFiles(org.id)).toEqual([]);
  });
});

// Every route × visitor, member, another organisation's admin, its admin, coordinator and
// admin is in the authorization matrix (apps/api/src/authorization.matrix.test.ts); these
// are the cases the matrix's one-record-per-case shape does not reach.
describe('authorization across organisations', () => {
  interface Target {
    org: { id: string; slug: string };
    admin: TestUser;
    requestId: string;
  }
  let approved: Target;
  let pending: Target;
  let otherAdmin: TestUser;
  let otherOrg: { id: string; slug: string };
  let plainMember: TestUser;

  async function target(status: 'approved' | 'pending'): Promise<Target> {
    const admin = await t.createUser();
    const org = await apply(admin);
    if (status === 'pending') return { org, admin, requestId: crypto.randomUUID() };
    await decide(org.slug, 'approve');
    const joiner = await t.createUser();
    await t.request({ method: 'POST', url: `/api/organisations/${org.slug}/join-requests`, cookie: joiner.cookie, payload: { message: 'hi' } });
    const [request] = await t.hub.db.select().from(organisationJoinRequests).where(eq(organisationJoinRequests.organisationId, org.id));
    return { org, admin, requestId: request.id };
  }

  beforeAll(async () => {
    approved = await target('approved');
    pending = await target('pending');
    const other = await approvedOrganisation();
    otherAdmin = other.admin;
    otherOrg = other.org;
    plainMember = await t.createUser();
  });

  /** Every table (the search outbox by rows added: its worker empties it meanwhile) and the mail sent. */
  const snapshot = async () => ({
    tables: await databaseFingerprint(t.hub.db, { queues: ['search_outbox'] }),
    mail: await filesUnder(t.config.mail.dir)
  });

  it('does not let an admin reach into another organisation through their own organisation’s id', async () => {
    const before = await snapshot();
    const crossRequest = await t.request({
      method: 'POST',
      url: `/api/organisations/${otherOrg.slug}/join-requests/${approved.requestId}/approve`,
      cookie: otherAdmin.cookie
    });
    expect(crossRequest.statusCode).toBe(404);
    const crossMember = await t.request({
      method: 'PATCH',
      url: `/api/organisations/${otherOrg.slug}/members/${approved.admin.id}`,
      cookie: otherAdmin.cookie,
      payload: { role: 'member' }
    });
    expect(crossMember.statusCode).toBe(404);
    const crossRemove = await t.request({ method: 'DELETE', url: `/api/organisations/${otherOrg.slug}/members/${approved.admin.id}`, cookie: otherAdmin.cookie });
    expect(crossRemove.statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('lets only people who may see an organisation follow its live topic', async () => {
    const asActor = (u: TestUser, role: Actor['role'] = 'member'): Actor => ({ id: u.id, role, emailVerified: true });
    expect(await t.hub.live.canRead(null, `organisation:${approved.org.id}`)).toBe(true);
    expect(await t.hub.live.canRead(null, `organisation:${pending.org.id}`)).toBe(false);
    expect(await t.hub.live.canRead(asActor(plainMember), `organisation:${pending.org.id}`)).toBe(false);
    expect(await t.hub.live.canRead(asActor(pending.admin), `organisation:${pending.org.id}`)).toBe(true);
    expect(await t.hub.live.canRead(asActor(coordinator, 'coordinator'), `organisation:${pending.org.id}`)).toBe(true);
  });
});

describe('API documentation', () => {
  it('lists the organisation routes in the OpenAPI document', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/organisations', '/api/organisations/{slug}', '/api/admin/organisations/queue', '/api/invitations/{token}/accept'])
    );
  });
});
