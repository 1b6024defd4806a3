/**
 * The authorization matrix: every state-changing operation of the contract, and every
 * read that is not public, tried by six people, each with the status they must get.
 *
 * - The tables are keyed by operationId and typed by the contract, so a new route fails
 *   the type check (and the first test below) until it has a row here.
 * - A refusal must be a status the contract declares for that route, answered with a
 *   declared code, and must change nothing: every table of the public schema, the mail
 *   sent and the files stored are compared before and after.
 * - Each success gets fresh records to act on (an organisation, a request, a token…), so
 *   it never changes what the next case sees. The refusals of one scenario share one set,
 *   which is sound because each of them checks that it changed nothing. The six people
 *   are made once, for the whole file.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiRoutes, problemInfo, problemsOf, type ProblemCode, type RouteSpec } from '@mutirao/shared';
import { createTestHub, sessionCookieFrom, type TestHub, type TestUser } from '../../../tests/fixtures/harness';
import { databaseFingerprint, filesUnder } from '../../../tests/fixtures/snapshot';
import { insertMessage as insertContactMessage } from './modules/contact/contact.repo';
import { TINY_PNG, multipart, organisationFixtures } from './modules/organisations/organisations.fixtures';
import { eventBody } from './modules/events/events.fixtures';
import { unsubscribeToken } from './modules/notifications/unsubscribe';

// ---------------------------------------------------------------- the people

/**
 * Columns of the matrix:
 * - visitor: no session;
 * - member: a verified person with no organisation and no hub role;
 * - otherOrgAdmin: the admin of another approved organisation;
 * - orgAdmin: the admin of the organisation concerned (its applicant while it is pending);
 *   on a person's own records (sessions, notifications), that person;
 * - coordinator, admin: hub roles.
 */
const actors = ['visitor', 'member', 'otherOrgAdmin', 'orgAdmin', 'coordinator', 'admin'] as const;
type ActorName = (typeof actors)[number];
type Statuses = Record<ActorName, number>;

let t: TestHub;
const people = {} as Record<Exclude<ActorName, 'visitor'>, TestUser>;
const orgs = organisationFixtures(() => ({ t, coordinator: people.coordinator }));

beforeAll(async () => {
  // The per-address sign-in and sign-up limits (20 a minute) would otherwise refuse the
  // fixtures' many sign-ups and sign-ins from one address; they have their own tests.
  t = await createTestHub({ AUTH_RATE_LIMIT: '100000' });
  people.coordinator = await t.createUser({ role: 'coordinator', name: 'Carla Coordinadora' });
  people.admin = await t.createUser({ role: 'admin', name: 'Alma Administradora' });
  people.member = await t.createUser({ name: 'Mario Integrante' });
  people.orgAdmin = await t.createUser({ name: 'Olga Organización' });
  people.otherOrgAdmin = (await orgs.approvedOrganisation()).admin;
  // Accounts under a day old may post only a few times an hour; these people post all through the file.
  await t.hub.db.execute(sql`update users set created_at = now() - interval '2 days'`);
});
afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------- fresh records per case

const PASSWORD = 'correct horse battery staple';
let seq = 0;
const freshEmail = (kind: string) => `${kind}-${process.pid}-${++seq}@example.org`;

interface Prepared {
  params?: Record<string, string>;
  body?: unknown;
  upload?: { filename: string; type: string; bytes: Buffer };
}

/** A pending application by orgAdmin. */
const pendingOrganisation = () => orgs.apply(people.orgAdmin);

async function approvedOrganisation() {
  const org = await pendingOrganisation();
  await orgs.decide(org.slug, 'approve');
  return org;
}

async function suspendedOrganisation() {
  const org = await approvedOrganisation();
  await orgs.decide(org.slug, 'suspend', 'Datos de contacto falsos');
  return org;
}

async function call(method: RouteSpec['method'], url: string, cookie: string | undefined, payload?: object, status = 200) {
  const response = await t.request({ method, url, cookie, payload });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  return response;
}

/** A waiting request to join, from someone new. */
async function joinRequestTo(slug: string) {
  const joiner = await t.createUser();
  const response = await call('POST', `/api/organisations/${slug}/join-requests`, joiner.cookie, { message: 'Trabajo en el barrio.' }, 201);
  return { requestId: response.json().joinRequest.id as string, userId: joiner.id };
}

/** A waiting request to join from orgAdmin to someone else's organisation, suspended afterwards if asked. */
async function orgAdminJoinRequest(suspend: boolean): Promise<Prepared> {
  const { org } = await orgs.approvedOrganisation();
  const asked = await call('POST', `/api/organisations/${org.slug}/join-requests`, people.orgAdmin.cookie, { message: '' }, 201);
  if (suspend) await orgs.decide(org.slug, 'suspend', 'Datos de contacto falsos');
  return { params: { slug: org.slug, requestId: asked.json().joinRequest.id as string } };
}

/** Someone new who joined (a plain member of the organisation). */
async function memberOf(slug: string) {
  const { requestId, userId } = await joinRequestTo(slug);
  await call('POST', `/api/organisations/${slug}/join-requests/${requestId}/approve`, people.orgAdmin.cookie);
  return userId;
}

async function withLogo(slug: string) {
  const body = multipart('logo', 'logo.png', 'image/png', TINY_PNG);
  const response = await t.request({ method: 'POST', url: `/api/organisations/${slug}/logo`, cookie: people.orgAdmin.cookie, ...body });
  expect(response.statusCode, response.body).toBe(200);
}

/** The token of a fresh invitation to one of orgAdmin's organisations, mailed to an address nobody uses. */
async function invitationToken() {
  const org = await approvedOrganisation();
  const email = freshEmail('invitee');
  await call('POST', `/api/organisations/${org.slug}/invitations`, people.orgAdmin.cookie, { email, role: 'member' }, 201);
  return new URL(await t.linkFromMail(email, '/invitations/')).pathname.split('/').pop()!;
}

/** An account that signed up and has not opened its verification link. */
async function unverifiedAccount() {
  const email = freshEmail('new');
  await call('POST', '/api/auth/sign-up', undefined, { name: 'Nueva Persona', email, password: PASSWORD, locale: 'es', country: 'PE' }, 202);
  return { email, token: new URL(await t.linkFromMail(email, '/verify-email')).searchParams.get('token')! };
}

async function passwordResetToken() {
  const user = await t.createUser();
  await call('POST', '/api/auth/password-reset/request', undefined, { email: user.email }, 202);
  return new URL(await t.linkFromMail(user.email, '/reset-password')).searchParams.get('token')!;
}

/** A cookie for a new session of this person, which the request may end without harming the next case. */
async function freshSessionOf(person: TestUser) {
  return sessionCookieFrom(await call('POST', '/api/auth/sign-in', undefined, { email: person.email, password: PASSWORD }));
}

/** The id of a second session of orgAdmin's. */
async function orgAdminSessionId() {
  const cookie = await freshSessionOf(people.orgAdmin);
  const sessions = (await call('GET', '/api/me/sessions', cookie)).json().items as Array<{ id: string; current: boolean }>;
  return sessions.find((s) => s.current)!.id;
}

/** A fresh, unread notification of orgAdmin's: the approval of a new organisation. */
async function orgAdminNotificationId() {
  const org = await approvedOrganisation();
  const list = (await call('GET', '/api/me/notifications?unread=true', people.orgAdmin.cookie)).json();
  const item = (list.items as Array<{ id: string; kind: string; data: { slug?: string } }>).find(
    (n) => n.kind === 'organisation.approved' && n.data.slug === org.slug
  );
  expect(item, 'the approval notification').toBeDefined();
  return item!.id;
}

/** A message someone new wrote to orgAdmin (or, with `from`, one orgAdmin wrote to someone new). */
async function contactMessage(direction: 'toOrgAdmin' | 'fromOrgAdmin' = 'toOrgAdmin'): Promise<Prepared> {
  const other = await t.createUser();
  if (direction === 'fromOrgAdmin') {
    // Written straight to the table: orgAdmin's own daily allowance is for the cases that send.
    const message = await insertContactMessage(t.hub.db, { senderId: people.orgAdmin.id, recipientId: other.id, subject: 'Vivienda', body: '¿Conversamos?' });
    return { params: { id: message.id } };
  }
  const response = await call('POST', `/api/people/${people.orgAdmin.id}/messages`, other.cookie, { subject: 'Vivienda en alquiler', body: '¿Conversamos?' }, 201);
  return { params: { id: response.json().id as string } };
}

/** The token of a confirmation link for a change of address asked by someone new. */
async function emailChangeToken() {
  const person = await t.createUser();
  const newEmail = freshEmail('moved');
  await call('POST', '/api/me/email', person.cookie, { newEmail, password: PASSWORD }, 202);
  return new URL(await t.linkFromMail(newEmail, '/account/email/confirm')).searchParams.get('token')!;
}

/** Someone new in one of orgAdmin's organisations, whose profile has this visibility. */
async function personInOrgAdminsOrganisation(visibility: 'members' | 'organisations', options: { withPhoto?: boolean } = {}) {
  const org = await approvedOrganisation();
  const person = await t.createUser();
  const response = await call('POST', `/api/organisations/${org.slug}/join-requests`, person.cookie, { message: '' }, 201);
  await call('POST', `/api/organisations/${org.slug}/join-requests/${response.json().joinRequest.id}/approve`, people.orgAdmin.cookie);
  await call('PATCH', '/api/me/profile', person.cookie, { visibility });
  if (options.withPhoto) {
    const body = multipart('photo', 'photo.png', 'image/png', TINY_PNG);
    const upload = await t.request({ method: 'POST', url: '/api/me/profile/photo', cookie: person.cookie, ...body });
    expect(upload.statusCode, upload.body).toBe(200);
  }
  return person.id;
}

/** An event hosted by a fresh organisation of orgAdmin's, drafted by orgAdmin and taken to `status`. */
async function hostedEvent(status: 'draft' | 'submitted' | 'published', overrides: Record<string, unknown> = {}) {
  const org = await approvedOrganisation();
  const created = await call('POST', '/api/events', people.orgAdmin.cookie, eventBody({ hostOrganisations: [org.slug], ...overrides }), 201);
  const id = created.json().event.id as string;
  if (status !== 'draft') await call('POST', `/api/events/${id}/submit`, people.orgAdmin.cookie);
  if (status === 'published') await call('POST', `/api/events/${id}/publish`, people.coordinator.cookie);
  return id;
}
const onEvent = async (id: Promise<string>, extra: Omit<Prepared, 'params'> = {}): Promise<Prepared> => ({ params: { id: await id }, ...extra });
/** A published event with one confirmed registration (a new person's), and that registration's id. */
async function eventWithAttendee() {
  const id = await hostedEvent('published');
  const attendee = await t.createUser();
  const response = await call('POST', `/api/events/${id}/registration`, attendee.cookie, {}, 201);
  return { params: { id, registrationId: response.json().registration.id as string } };
}
async function draftWithCover() {
  const id = await hostedEvent('draft');
  const body = multipart('cover', 'cover.png', 'image/png', TINY_PNG);
  const response = await t.request({ method: 'POST', url: `/api/events/${id}/cover`, cookie: people.orgAdmin.cookie, ...body });
  expect(response.statusCode, response.body).toBe(200);
  return id;
}
const organisersOnly = { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 };
const organisersOfHidden = { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 };

const application = () => orgs.application();
const logoFile = { filename: 'logo.png', type: 'image/png', bytes: TINY_PNG };
const onSlug = async (org: Promise<{ slug: string }>): Promise<Prepared> => ({ params: { slug: (await org).slug } });

// ---------------------------------------------------------------- discussions

const threadBody = (kind: 'question' | 'discussion' = 'question') => ({
  kind,
  title: `¿Cómo financiar la vivienda incremental? ${++seq}`,
  body: 'Buscamos experiencias de **microcrédito** para mejoras de vivienda.',
  theme: 'housing_finance',
  language: 'es'
});

/** A question asked by orgAdmin (its author, the owner of the record). */
async function threadByOrgAdmin(kind: 'question' | 'discussion' = 'question') {
  const response = await call('POST', '/api/threads', people.orgAdmin.cookie, threadBody(kind), 201);
  return response.json().thread.id as string;
}

async function replyIn(threadId: string, author: TestUser) {
  const response = await call('POST', `/api/threads/${threadId}/posts`, author.cookie, { body: 'En Lima usamos un fondo rotatorio.' }, 201);
  return response.json().post.id as string;
}

/** A thread whose opening post a coordinator hid: only its author and coordinators may know it. */
async function hiddenThread() {
  const id = await threadByOrgAdmin();
  const opening = (await call('GET', `/api/threads/${id}`, people.orgAdmin.cookie)).json().opening.id as string;
  await call('POST', `/api/admin/posts/${opening}/moderation`, people.coordinator.cookie, { action: 'hide' });
  return id;
}

async function lockedThread() {
  const id = await threadByOrgAdmin('discussion');
  await call('POST', `/api/admin/threads/${id}/moderation`, people.coordinator.cookie, { action: 'lock' });
  return id;
}

const coordinatorsOnly: Statuses = { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 };
const authorAndCoordinators = (status: number): Statuses => ({ visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: status, coordinator: status, admin: status });
// ---------------------------------------------------------------- library records (orgAdmin is the submitter)

async function libraryCall(method: RouteSpec['method'], url: string, cookie: string | undefined, payload?: object, status = 200) {
  return (await call(method, url, cookie, payload, status)).json();
}
let resourceSeq = 0;
const resourceBody = () => ({
  title: `Informe de la matriz ${process.pid}-${++resourceSeq}`,
  summary: 'Resumen.',
  type: 'report',
  countries: ['CO'],
  languages: ['es'],
  year: 2022,
  licence: 'cc-by-4.0'
});
/** A draft of orgAdmin's. */
async function draftResource() {
  return (await libraryCall('POST', '/api/library/resources', people.orgAdmin.cookie, resourceBody(), 201)).resource as { slug: string };
}
async function pendingResource() {
  const resource = await draftResource();
  await libraryCall('POST', `/api/library/resources/${resource.slug}/submit`, people.orgAdmin.cookie);
  return resource;
}
async function publishedResource() {
  const resource = await pendingResource();
  await libraryCall('POST', `/api/library/resources/${resource.slug}/publish`, people.coordinator.cookie);
  return resource;
}
const pdfFile = { filename: 'informe.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') };
/** A resource of orgAdmin's with one file, and that file's id. */
async function withFile(resource: Promise<{ slug: string }>): Promise<Prepared> {
  const { slug } = await resource;
  const { payload, headers } = multipart('file', pdfFile.filename, pdfFile.type, pdfFile.bytes);
  const response = await t.request({ method: 'POST', url: `/api/library/resources/${slug}/files`, cookie: people.orgAdmin.cookie, payload, headers });
  expect(response.statusCode, response.body).toBe(201);
  return { params: { slug, fileId: response.json().file.id } };
}
const submitterOnly = (ok: number): Statuses => ({ visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: ok, coordinator: ok, admin: ok });
const onPublished = (submitter: number, staff: number): Statuses => ({
  visitor: 401,
  member: 403,
  otherOrgAdmin: 403,
  orgAdmin: submitter,
  coordinator: staff,
  admin: staff
});
const suspension = { until: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(), reason: 'Mensajes repetidos a desconocidos.' };
/** Someone new, suspended by the admin for a week. */
async function suspendedMember() {
  const person = await t.createUser();
  await call('PUT', `/api/admin/users/${person.id}/suspension`, people.admin.cookie, suspension);
  return person.id;
}
const reviewOnly = (ok: number): Statuses => ({ visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: ok, admin: ok });
const note = { note: 'Añade la licencia.' };

// ---------------------------------------------------------------- the tables

interface Scenario {
  /** What the request acts on, for the test names. */
  on: string;
  /** Makes the records the request acts on, fresh for every case. */
  prepare?: () => Promise<Prepared>;
  /** `fresh`: the request goes with a new session of the person, because it may end it. */
  session?: 'fresh';
  expect: Statuses;
  /** People whose success must still change nothing (another person's ids match nothing). */
  changesNothingFor?: readonly ActorName[];
  /**
   * The record is not public (a pending application, a suspended organisation): people
   * outside it must get the same answer for a slug no record has, so that no answer
   * tells them it exists.
   */
  hidden?: true;
}

type Api = typeof api;
type OperationId = keyof Api;
type WriteId = { [K in OperationId]: Api[K]['method'] extends 'GET' ? never : K }[OperationId];
type GetId = Exclude<OperationId, WriteId>;
type PrivateReadId = { [K in GetId]: Api[K]['audience'] extends 'public' ? never : K }[GetId];
type PublicReadId = Exclude<GetId, PrivateReadId>;

const signedIn = (status: number): Statuses => ({
  visitor: 401,
  member: status,
  otherOrgAdmin: status,
  orgAdmin: status,
  coordinator: status,
  admin: status
});
const anyone = (status: number): Statuses => ({ ...signedIn(status), visitor: status });

/** Every state-changing operation. A missing one fails the type check and the first test. */
const writes: Record<WriteId, Scenario | Scenario[]> = {
  // ------------------------------------------------ accounts: steps anyone may take, signed in or not
  signUp: {
    on: 'a new address',
    prepare: async () => ({ body: { name: 'Nueva Persona', email: freshEmail('signup'), password: PASSWORD, locale: 'pt', country: 'BR' } }),
    expect: anyone(202)
  },
  verifyEmail: { on: 'a mailed verification token', prepare: async () => ({ body: { token: (await unverifiedAccount()).token } }), expect: anyone(200) },
  resendVerification: { on: 'an unverified account', prepare: async () => ({ body: { email: (await unverifiedAccount()).email } }), expect: anyone(202) },
  signIn: {
    on: 'another person’s right password',
    prepare: async () => {
      const user = await t.createUser();
      return { body: { email: user.email, password: PASSWORD } };
    },
    expect: anyone(200)
  },
  signOut: { on: 'the session it came with', session: 'fresh', expect: anyone(204) },
  requestPasswordReset: { on: 'an account', prepare: async () => ({ body: { email: (await t.createUser()).email } }), expect: anyone(202) },
  confirmPasswordReset: {
    on: 'a mailed reset token',
    prepare: async () => ({ body: { token: await passwordResetToken(), password: 'another horse battery staple' } }),
    expect: anyone(204)
  },
  // The signed token is the authority: whoever presses (a mail provider, without a session) turns that mail off.
  unsubscribe: [
    {
      on: 'someone’s signed link',
      prepare: async () => ({ params: { token: await unsubscribeToken(t.hub, t.hub.db, (await t.createUser()).id, 'discussion.mention') } }),
      expect: anyone(200)
    },
    {
      on: 'someone’s link with the kind altered',
      prepare: async () => {
        const token = await unsubscribeToken(t.hub, t.hub.db, (await t.createUser()).id, 'discussion.mention');
        const [payload, signature] = token.split('.');
        const idBytes = Buffer.from(payload, 'base64url').subarray(0, 16);
        return { params: { token: `${Buffer.concat([idBytes, Buffer.from('discussion.digest')]).toString('base64url')}.${signature}` } };
      },
      expect: anyone(400)
    }
  ],

  // ------------------------------------------------ accounts: the signed-in person's own
  updateMe: { on: 'their own profile', prepare: async () => ({ body: { bio: 'Asesoría técnica en vivienda.' } }), expect: signedIn(200) },
  changePassword: {
    on: 'their own password (kept the same)',
    prepare: async () => ({ body: { currentPassword: PASSWORD, newPassword: PASSWORD } }),
    expect: signedIn(204)
  },
  endMySession: {
    on: 'a session of orgAdmin’s',
    prepare: async () => ({ params: { id: await orgAdminSessionId() } }),
    expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 204, coordinator: 404, admin: 404 }
  },
  requestEmailChange: {
    on: 'their own account, to a new address',
    prepare: async () => ({ body: { newEmail: freshEmail('new-address'), password: PASSWORD } }),
    expect: signedIn(202)
  },
  confirmEmailChange: { on: 'a mailed confirmation of a new address', prepare: async () => ({ body: { token: await emailChangeToken() } }), expect: anyone(200) },
  // The deletion itself is in accounts.rights.test.ts: here the shared people must survive,
  // so the case leaves out the confirmation and must be refused before anything is looked at.
  deleteMyAccount: {
    on: 'their own account, without confirming',
    prepare: async () => ({ body: { password: PASSWORD } }),
    expect: signedIn(400)
  },
  setMyContactPreference: { on: 'their own setting (kept open)', prepare: async () => ({ body: { open: true } }), expect: signedIn(200) },
  sendContactMessage: [
    {
      on: 'someone who accepts messages',
      prepare: async () => ({ params: { id: (await t.createUser()).id }, body: { subject: 'Hola', body: 'Trabajo en vivienda social.' } }),
      expect: signedIn(201)
    },
    {
      on: 'someone who turned messages off',
      prepare: async () => {
        const closed = await t.createUser();
        await call('PUT', '/api/me/contact', closed.cookie, { open: false });
        return { params: { id: closed.id }, body: { subject: 'Hola', body: 'Trabajo en vivienda social.' } };
      },
      expect: signedIn(403)
    }
  ],
  replyToContactMessage: [
    {
      on: 'a message to orgAdmin',
      prepare: async () => ({ ...(await contactMessage()), body: { body: 'Con gusto, escríbeme.' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 404, admin: 404 }
    },
    {
      on: 'a message orgAdmin sent',
      prepare: async () => ({ ...(await contactMessage('fromOrgAdmin')), body: { body: 'Con gusto, escríbeme.' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 404, admin: 404 }
    }
  ],
  reportContactMessage: [
    {
      on: 'a message to orgAdmin',
      prepare: async () => ({ ...(await contactMessage()), body: { reason: 'Publicidad no solicitada.' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 404, admin: 404 }
    },
    {
      on: 'a message orgAdmin sent',
      prepare: async () => ({ ...(await contactMessage('fromOrgAdmin')), body: {} }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 404, admin: 404 }
    }
  ],
  markNotificationsRead: {
    on: 'a notification of orgAdmin’s',
    prepare: async () => ({ body: { ids: [await orgAdminNotificationId()] } }),
    expect: signedIn(200),
    changesNothingFor: ['member', 'otherOrgAdmin', 'coordinator', 'admin']
  },
  updateNotificationSettings: { on: 'their own notification settings', prepare: async () => ({ body: { email: [] } }), expect: signedIn(200) },

  // ------------------------------------------------ hub roles
  setUserRole: {
    on: 'another person',
    prepare: async () => ({ params: { id: (await t.createUser()).id }, body: { role: 'coordinator' } }),
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 403, admin: 200 }
  },

  // ------------------------------------------------ suspensions: staff, on a lower role only
  suspendUser: [
    {
      on: 'a member',
      prepare: async () => ({ params: { id: (await t.createUser()).id }, body: suspension }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
    },
    {
      on: 'a coordinator',
      prepare: async () => ({ params: { id: (await t.createUser({ role: 'coordinator' })).id }, body: suspension }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 403, admin: 200 }
    },
    {
      on: 'an admin',
      prepare: async () => ({ params: { id: (await t.createUser({ role: 'admin' })).id }, body: suspension }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  reinstateUser: {
    on: 'a suspended member',
    prepare: async () => ({ params: { id: await suspendedMember() } }),
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
  },

  // ------------------------------------------------ jobs: admins only (a retried job's success is in jobs.test.ts)
  retryFailedJob: {
    on: 'an id that is no failed job',
    prepare: async () => ({ params: { id: crypto.randomUUID() } }),
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 403, admin: 404 }
  },

  // ------------------------------------------------ organisations: profile
  applyForOrganisation: { on: 'a new application', prepare: async () => ({ body: application() }), expect: signedIn(201) },
  updateOrganisation: [
    {
      on: 'an approved organisation',
      prepare: async () => ({ ...(await onSlug(approvedOrganisation())), body: { hqCity: 'Valparaíso' } }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ ...(await onSlug(pendingOrganisation())), body: { hqCity: 'Valparaíso' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      on: 'a suspended organisation',
      hidden: true,
      prepare: async () => ({ ...(await onSlug(suspendedOrganisation())), body: { hqCity: 'Valparaíso' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
    }
  ],
  uploadOrganisationLogo: [
    {
      on: 'an approved organisation',
      prepare: async () => ({ ...(await onSlug(approvedOrganisation())), upload: logoFile }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ ...(await onSlug(pendingOrganisation())), upload: logoFile }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
    }
  ],
  // ------------------------------------------------ people: a person's own profile
  updateMyProfile: { on: 'their own profile', prepare: async () => ({ body: { headline: 'Urbanista', website: 'example.org' } }), expect: signedIn(200) },
  uploadMyPhoto: { on: 'their own photo', prepare: async () => ({ upload: logoFile }), expect: signedIn(200) },
  removeMyPhoto: { on: 'their own photo', expect: signedIn(200) },
  removeOrganisationLogo: [
    {
      on: 'an approved organisation’s logo',
      prepare: async () => {
        const org = await approvedOrganisation();
        await withLogo(org.slug);
        return { params: { slug: org.slug } };
      },
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      on: 'a pending application’s logo',
      hidden: true,
      prepare: async () => {
        const org = await pendingOrganisation();
        await withLogo(org.slug);
        return { params: { slug: org.slug } };
      },
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
    }
  ],

  // ------------------------------------------------ organisations: staff
  requestToJoinOrganisation: [
    {
      on: 'an approved organisation',
      prepare: async () => ({ ...(await onSlug(approvedOrganisation())), body: { message: 'Quiero sumarme.' } }),
      expect: { visitor: 401, member: 201, otherOrgAdmin: 201, orgAdmin: 409, coordinator: 201, admin: 201 }
    },
    {
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ ...(await onSlug(pendingOrganisation())), body: { message: 'Quiero sumarme.' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  approveJoinRequest: [
    {
      on: 'a waiting request to join',
      prepare: async () => {
        const org = await approvedOrganisation();
        return { params: { slug: org.slug, requestId: (await joinRequestTo(org.slug)).requestId } };
      },
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      // Nobody may ask to join one yet, so the request id is one no request has.
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ params: { slug: (await pendingOrganisation()).slug, requestId: crypto.randomUUID() } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  withdrawJoinRequest: [
    {
      on: 'a waiting request to join of orgAdmin’s',
      prepare: () => orgAdminJoinRequest(false),
      // Someone else's request is as good as absent to everyone else, coordinators included.
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 404, admin: 404 }
    },
    {
      // The organisation was suspended while the request waited: its author may still take it back.
      on: 'a waiting request of orgAdmin’s to a suspended organisation',
      hidden: true,
      prepare: () => orgAdminJoinRequest(true),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 404, admin: 404 }
    }
  ],
  declineJoinRequest: [
    {
      on: 'a waiting request to join',
      prepare: async () => {
        const org = await approvedOrganisation();
        return { params: { slug: org.slug, requestId: (await joinRequestTo(org.slug)).requestId } };
      },
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      // Nobody may ask to join one yet, so the request id is one no request has.
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ params: { slug: (await pendingOrganisation()).slug, requestId: crypto.randomUUID() } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  updateOrganisationMember: [
    {
      on: 'a member of an approved organisation, made admin',
      prepare: async () => {
        const org = await approvedOrganisation();
        return { params: { slug: org.slug, userId: await memberOf(org.slug) }, body: { role: 'admin' } };
      },
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      // It has no members before approval; the applicant is named.
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ params: { slug: (await pendingOrganisation()).slug, userId: people.orgAdmin.id }, body: { role: 'admin' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  removeOrganisationMember: [
    {
      on: 'a member of an approved organisation',
      prepare: async () => {
        const org = await approvedOrganisation();
        return { params: { slug: org.slug, userId: await memberOf(org.slug) } };
      },
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 204, coordinator: 204, admin: 204 }
    },
    {
      // The applicant is not a member yet, so for them it is leaving something they never joined.
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ params: { slug: (await pendingOrganisation()).slug, userId: people.orgAdmin.id } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 404, coordinator: 403, admin: 403 }
    }
  ],
  inviteToOrganisation: [
    {
      on: 'an approved organisation',
      prepare: async () => ({ ...(await onSlug(approvedOrganisation())), body: { email: freshEmail('invited'), role: 'admin' } }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 201, coordinator: 201, admin: 201 }
    },
    {
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ ...(await onSlug(pendingOrganisation())), body: { email: freshEmail('invited'), role: 'admin' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  acceptInvitation: [
    {
      // The link is the key; the signed-in account must say it means to use another's.
      on: 'an invitation mailed to another address, not confirmed',
      prepare: async () => ({ params: { token: await invitationToken() }, body: {} }),
      expect: { visitor: 401, member: 409, otherOrgAdmin: 409, orgAdmin: 409, coordinator: 409, admin: 409 }
    },
    {
      on: 'an invitation mailed to another address, confirmed',
      prepare: async () => ({ params: { token: await invitationToken() }, body: { confirmDifferentAccount: true } }),
      expect: signedIn(200)
    }
  ],

  // ------------------------------------------------ organisations: review by coordinators
  approveOrganisation: {
    on: 'a pending application',
    hidden: true,
    prepare: () => onSlug(pendingOrganisation()),
    expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 200, admin: 200 }
  },
  rejectOrganisation: {
    on: 'a pending application',
    hidden: true,
    prepare: async () => ({ ...(await onSlug(pendingOrganisation())), body: { reason: 'No trabaja en vivienda.' } }),
    expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 200, admin: 200 }
  },
  suspendOrganisation: [
    {
      on: 'an approved organisation',
      prepare: async () => ({ ...(await onSlug(approvedOrganisation())), body: { reason: 'Datos de contacto falsos.' } }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
    },
    {
      on: 'a pending application',
      hidden: true,
      prepare: async () => ({ ...(await onSlug(pendingOrganisation())), body: { reason: 'Datos de contacto falsos.' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 409, admin: 409 }
    }
  ],
  // ------------------------------------------------ library: orgAdmin is the submitter
  createResource: { on: 'a new contribution', prepare: async () => ({ body: resourceBody() }), expect: signedIn(201) },
  updateResource: [
    { on: 'a draft', hidden: true, prepare: async () => ({ ...(await onSlug(draftResource())), body: { year: 2021 } }), expect: submitterOnly(200) },
    { on: 'a published resource', prepare: async () => ({ ...(await onSlug(publishedResource())), body: { year: 2021 } }), expect: onPublished(200, 200) }
  ],
  deleteResource: [
    { on: 'a draft', hidden: true, prepare: () => onSlug(draftResource()), expect: submitterOnly(204) },
    { on: 'a published resource', prepare: () => onSlug(publishedResource()), expect: onPublished(403, 204) }
  ],
  uploadResourceFile: [
    { on: 'a draft', hidden: true, prepare: async () => ({ ...(await onSlug(draftResource())), upload: pdfFile }), expect: submitterOnly(201) },
    { on: 'a published resource', prepare: async () => ({ ...(await onSlug(publishedResource())), upload: pdfFile }), expect: onPublished(201, 201) }
  ],
  removeResourceFile: [
    { on: 'a draft’s file', hidden: true, prepare: () => withFile(draftResource()), expect: submitterOnly(204) },
    { on: 'a published resource’s file', prepare: () => withFile(publishedResource()), expect: onPublished(204, 204) }
  ],
  submitResource: [
    { on: 'a draft', hidden: true, prepare: () => onSlug(draftResource()), expect: submitterOnly(200) },
    { on: 'a published resource', prepare: () => onSlug(publishedResource()), expect: onPublished(409, 409) }
  ],
  publishResource: { on: 'a pending contribution', hidden: true, prepare: () => onSlug(pendingResource()), expect: reviewOnly(200) },
  requestResourceChanges: {
    on: 'a pending contribution',
    hidden: true,
    prepare: async () => ({ ...(await onSlug(pendingResource())), body: note }),
    expect: reviewOnly(200)
  },
  rejectResource: [
    { on: 'a pending contribution', hidden: true, prepare: async () => ({ ...(await onSlug(pendingResource())), body: note }), expect: reviewOnly(200) },
    { on: 'a published resource', prepare: async () => ({ ...(await onSlug(publishedResource())), body: note }), expect: onPublished(403, 200) }
  ],
  reinstateOrganisation: {
    on: 'a suspended organisation',
    hidden: true,
    prepare: () => onSlug(suspendedOrganisation()),
    expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 200, admin: 200 }
  },

  // ------------------------------------------------ discussions
  createThread: { on: 'a new question', prepare: async () => ({ body: threadBody() }), expect: signedIn(201) },
  updateThread: [
    {
      on: 'orgAdmin’s question',
      prepare: async () => ({ params: { id: await threadByOrgAdmin() }, body: { title: 'Un título más claro' } }),
      expect: authorAndCoordinators(200)
    },
    {
      on: 'orgAdmin’s question, hidden by a coordinator',
      prepare: async () => ({ params: { id: await hiddenThread() }, body: { title: 'Un título más claro' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
    }
  ],
  replyToThread: [
    {
      on: 'an open thread',
      prepare: async () => ({ params: { id: await threadByOrgAdmin() }, body: { body: 'Nosotros probamos con ahorro previo.' } }),
      expect: signedIn(201)
    },
    {
      on: 'a locked thread',
      prepare: async () => ({ params: { id: await lockedThread() }, body: { body: 'Nosotros probamos con ahorro previo.' } }),
      expect: { visitor: 401, member: 409, otherOrgAdmin: 409, orgAdmin: 409, coordinator: 201, admin: 201 }
    }
  ],
  editPost: {
    on: 'orgAdmin’s reply',
    prepare: async () => ({ params: { id: await replyIn(await threadByOrgAdmin(), people.orgAdmin) }, body: { body: 'Corrijo: fondo rotatorio municipal.' } }),
    expect: authorAndCoordinators(200)
  },
  deletePost: {
    on: 'orgAdmin’s reply',
    prepare: async () => ({ params: { id: await replyIn(await threadByOrgAdmin(), people.orgAdmin) } }),
    expect: authorAndCoordinators(204)
  },
  acceptAnswer: {
    on: 'a reply to orgAdmin’s question',
    prepare: async () => {
      const id = await threadByOrgAdmin();
      return { params: { id }, body: { postId: await replyIn(id, people.member) } };
    },
    expect: authorAndCoordinators(200)
  },
  reactToPost: {
    on: 'orgAdmin’s reply',
    prepare: async () => ({ params: { id: await replyIn(await threadByOrgAdmin(), people.orgAdmin) } }),
    expect: { visitor: 401, member: 200, otherOrgAdmin: 200, orgAdmin: 403, coordinator: 200, admin: 200 }
  },
  unreactToPost: {
    on: 'a reply nobody marked helpful',
    prepare: async () => ({ params: { id: await replyIn(await threadByOrgAdmin(), people.orgAdmin) } }),
    expect: signedIn(200),
    changesNothingFor: ['member', 'otherOrgAdmin', 'orgAdmin', 'coordinator', 'admin']
  },
  followThread: [
    { on: 'a thread', prepare: async () => ({ params: { id: await threadByOrgAdmin() }, body: { level: 'muted' } }), expect: signedIn(200) },
    {
      on: 'a hidden thread',
      prepare: async () => ({ params: { id: await hiddenThread() }, body: { level: 'watching' } }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
    }
  ],
  flagPost: {
    on: 'orgAdmin’s reply',
    prepare: async () => ({ params: { id: await replyIn(await threadByOrgAdmin(), people.orgAdmin) }, body: { reason: 'spam', note: 'Publicidad.' } }),
    expect: { visitor: 401, member: 201, otherOrgAdmin: 201, orgAdmin: 403, coordinator: 201, admin: 201 }
  },
  setMyWatchedThemes: { on: 'their own watched themes', prepare: async () => ({ body: { themes: ['gender', 'rental_housing'] } }), expect: signedIn(200) },
  previewPost: { on: 'some Markdown', prepare: async () => ({ body: { body: '**Hola** @Mario_Integrante' } }), expect: signedIn(200) },
  uploadPostImage: { on: 'an image for a post', prepare: async () => ({ upload: logoFile }), expect: signedIn(201) },
  moderatePost: {
    on: 'orgAdmin’s reply',
    prepare: async () => ({ params: { id: await replyIn(await threadByOrgAdmin(), people.orgAdmin) }, body: { action: 'hide' } }),
    expect: coordinatorsOnly
  },
  moderateThread: {
    on: 'orgAdmin’s question',
    prepare: async () => ({ params: { id: await threadByOrgAdmin() }, body: { action: 'pin' } }),
    expect: coordinatorsOnly
  },

  // ------------------------------------------------ events
  createEvent: {
    on: 'an event hosted by orgAdmin’s organisation',
    prepare: async () => ({ body: eventBody({ hostOrganisations: [(await approvedOrganisation()).slug] }) }),
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 201, coordinator: 201, admin: 201 }
  },
  updateEvent: [
    {
      on: 'a draft',
      prepare: () => onEvent(hostedEvent('draft'), { body: { title: 'Foro de alquiler social' } }),
      expect: organisersOfHidden
    },
    {
      on: 'a published event',
      prepare: () => onEvent(hostedEvent('published'), { body: { title: 'Foro de alquiler social' } }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
    }
  ],
  setEventFollowUp: {
    on: 'a published event, linking a thread',
    prepare: async () => onEvent(hostedEvent('published'), { body: { threadId: await threadByOrgAdmin() } }),
    expect: organisersOnly
  },
  setEventSpeakers: [
    {
      on: 'a draft, listing a speaker',
      prepare: () => onEvent(hostedEvent('draft'), { body: { speakers: [{ userId: people.member.id, talkTitle: 'Alquiler social en Quito' }] } }),
      expect: organisersOfHidden
    },
    {
      on: 'a published event, listing a speaker',
      prepare: () => onEvent(hostedEvent('published'), { body: { speakers: [{ userId: people.member.id, talkTitle: 'Alquiler social en Quito' }] } }),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
    }
  ],
  submitEvent: { on: 'a draft', prepare: () => onEvent(hostedEvent('draft')), expect: organisersOfHidden },
  publishEvent: {
    on: 'a submitted event',
    prepare: () => onEvent(hostedEvent('submitted')),
    expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 200, admin: 200 }
  },
  cancelEvent: {
    on: 'a published event',
    prepare: () => onEvent(hostedEvent('published'), { body: { reason: 'Paro de transporte.' } }),
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
  },
  registerForEvent: [
    { on: 'a published event', prepare: () => onEvent(hostedEvent('published'), { body: {} }), expect: signedIn(201) },
    {
      on: 'a draft',
      prepare: () => onEvent(hostedEvent('draft'), { body: {} }),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  cancelRegistration: {
    // Nobody is registered: a cancel finds nothing to cancel.
    on: 'a published event they are not registered for',
    prepare: () => onEvent(hostedEvent('published')),
    expect: { visitor: 401, member: 409, otherOrgAdmin: 409, orgAdmin: 409, coordinator: 409, admin: 409 }
  },
  resetCalendarFeed: { on: 'their own feed', expect: signedIn(200) },
  uploadEventCover: { on: 'a draft', prepare: () => onEvent(hostedEvent('draft'), { upload: logoFile }), expect: organisersOfHidden },
  removeEventCover: { on: 'a draft with a cover', prepare: async () => ({ params: { id: await draftWithCover() } }), expect: organisersOfHidden },
  checkInAttendee: {
    on: 'a confirmed attendee of a published event',
    prepare: async () => ({ ...(await eventWithAttendee()), body: { attended: true } }),
    expect: organisersOnly
  },
  messageAttendees: {
    on: 'a published event with one attendee',
    prepare: async () => ({ ...(await eventWithAttendee()), body: { subject: 'Cambio de sala', body: 'Nos vemos en la sala 2.' } }),
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 202, coordinator: 202, admin: 202 }
  }
};

/**
 * Every read that is not public, and the public ones with per-record rules. A missing
 * non-public read fails the type check and the first tests.
 */
const reads: Record<PrivateReadId, Scenario | Scenario[]> & Partial<Record<PublicReadId, Scenario | Scenario[]>> = {
  getMe: { on: 'their own account', expect: signedIn(200) },
  listMySessions: { on: 'their own sessions', expect: signedIn(200) },
  myOrganisations: { on: 'their own organisations', expect: signedIn(200) },
  listNotifications: { on: 'their own notifications', expect: signedIn(200) },
  getMyProfile: { on: 'their own profile', expect: signedIn(200) },
  searchPeople: { on: 'the people directory', expect: signedIn(200) },
  getPerson: [
    {
      on: 'a profile kept to its organisations',
      prepare: async () => ({ params: { id: await personInOrgAdminsOrganisation('organisations') } }),
      expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      on: 'a profile for members',
      prepare: async () => ({ params: { id: await personInOrgAdminsOrganisation('members') } }),
      expect: { ...signedIn(200), visitor: 404 }
    }
  ],
  unreadNotificationCount: { on: 'their own notifications', expect: signedIn(200) },
  notificationSettings: { on: 'their own notification settings', expect: signedIn(200) },
  myHome: { on: 'their own home', expect: signedIn(200) },
  listJoinRequests: [
    {
      on: 'an approved organisation',
      prepare: () => onSlug(approvedOrganisation()),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      on: 'a pending application',
      hidden: true,
      prepare: () => onSlug(pendingOrganisation()),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  listInvitations: [
    {
      on: 'an approved organisation',
      prepare: () => onSlug(approvedOrganisation()),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 200, coordinator: 200, admin: 200 }
    },
    {
      on: 'a pending application',
      hidden: true,
      prepare: () => onSlug(pendingOrganisation()),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 403, coordinator: 403, admin: 403 }
    }
  ],
  reviewCount: { on: 'the hub', expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 } },
  reviewQueue: { on: 'the hub', expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 } },
  listOrganisationsByStatus: {
    on: 'the hub',
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
  },
  organisationAudit: [
    {
      on: 'an approved organisation',
      prepare: () => onSlug(approvedOrganisation()),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
    },
    {
      on: 'a pending application',
      hidden: true,
      prepare: () => onSlug(pendingOrganisation()),
      expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
    }
  ],
  exportMyData: { on: 'their own data', expect: signedIn(200) },
  getMyContactPreference: { on: 'their own setting', expect: signedIn(200) },
  contactStatus: { on: 'another person', prepare: async () => ({ params: { id: (await t.createUser()).id } }), expect: signedIn(200) },
  getContactMessage: [
    {
      on: 'a message to orgAdmin',
      prepare: () => contactMessage(),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 404, admin: 404 }
    },
    {
      on: 'a message orgAdmin sent',
      prepare: () => contactMessage('fromOrgAdmin'),
      expect: { visitor: 401, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 404, admin: 404 }
    }
  ],
  listContactReports: {
    on: 'the hub',
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
  },
  listUsers: { on: 'the hub', expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 } },
  listUserSuspensions: {
    on: 'a suspended member',
    prepare: async () => ({ params: { id: await suspendedMember() } }),
    expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 }
  },
  listFailedJobs: { on: 'the hub', expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 403, admin: 200 } },
  mySubmissions: { on: 'their own contributions', expect: signedIn(200) },
  organisationResources: { on: 'a pending organisation', hidden: true, prepare: () => onSlug(pendingOrganisation()), expect: anyone(200) },
  libraryReviewQueue: { on: 'the hub', expect: { visitor: 401, member: 403, otherOrgAdmin: 403, orgAdmin: 403, coordinator: 200, admin: 200 } },
  getResource: { on: 'a draft', hidden: true, prepare: () => onSlug(draftResource()), expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 } },
  downloadResourceFile: {
    on: 'a draft’s file',
    hidden: true,
    prepare: () => withFile(draftResource()),
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
  },
  getResourceCover: {
    on: 'a draft without a cover',
    hidden: true,
    prepare: () => onSlug(draftResource()),
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 404, coordinator: 404, admin: 404 }
  },
  citeResource: {
    on: 'a draft',
    hidden: true,
    prepare: () => onSlug(draftResource()),
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
  },
  // Public routes whose records are hidden until approved.
  getOrganisation: {
    on: 'a pending application',
    hidden: true,
    prepare: () => onSlug(pendingOrganisation()),
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
  },
  getPersonPhoto: {
    on: 'the photo of a profile kept to its organisations',
    prepare: async () => {
      const id = await personInOrgAdminsOrganisation('organisations', { withPhoto: true });
      return { params: { id } };
    },
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
  },
  getOrganisationLogo: {
    on: 'a pending application’s logo',
    hidden: true,
    prepare: async () => {
      const org = await pendingOrganisation();
      await withLogo(org.slug);
      return { params: { slug: org.slug } };
    },
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
  },
  listFlaggedPosts: { on: 'the hub', expect: coordinatorsOnly },
  myWatchedThemes: { on: 'their own watched themes', expect: signedIn(200) },
  getThread: {
    on: 'a thread hidden by a coordinator',
    prepare: async () => ({ params: { id: await hiddenThread() } }),
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
  },
  myCalendarFeed: { on: 'their own feed', expect: signedIn(200) },
  listAttendees: { on: 'a published event', prepare: eventWithAttendee, expect: organisersOnly },
  exportAttendees: { on: 'a published event', prepare: eventWithAttendee, expect: organisersOnly },
  attendanceFigures: { on: 'a published event', prepare: eventWithAttendee, expect: organisersOnly },
  getEventCover: {
    on: 'a draft’s cover',
    prepare: async () => ({ params: { id: await draftWithCover() } }),
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
  },
  getEvent: {
    on: 'a draft',
    prepare: () => onEvent(hostedEvent('draft')),
    expect: { visitor: 404, member: 404, otherOrgAdmin: 404, orgAdmin: 200, coordinator: 200, admin: 200 }
  },
};

// ---------------------------------------------------------------- running a case

const routesById = new Map(apiRoutes.map((route) => [route.operationId, route]));
const rows: Record<string, Scenario | Scenario[] | undefined> = { ...writes, ...reads };
const scenariosOf = (entry: Scenario | Scenario[] | undefined) => (entry === undefined ? [] : Array.isArray(entry) ? entry : [entry]);
const declaredStatuses = (route: RouteSpec) => new Set<number>(problemsOf(route).map((code) => problemInfo(code)?.status ?? 0));

function urlOf(route: RouteSpec, params: Record<string, string> = {}) {
  return `/api${route.path}`.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${route.operationId}: the case gives no value for {${name}}`);
    return encodeURIComponent(params[name]);
  });
}

async function send(route: RouteSpec, prepared: Prepared, cookie: string | undefined) {
  const url = urlOf(route, prepared.params);
  if (prepared.upload) {
    const { payload, headers } = multipart(route.upload!.field, prepared.upload.filename, prepared.upload.type, prepared.upload.bytes);
    return t.request({ method: route.method, url, cookie, payload, headers });
  }
  return t.request({ method: route.method, url, cookie, payload: prepared.body as object | undefined });
}

/**
 * What a refused request must leave alone: every table of the public schema, the mail
 * sent and the files stored. No table is left out for being busy: the people's
 * sessions are minutes old, so validating them writes nothing (the sliding expiry is
 * written back at most once an hour), and a refusal must not touch sessions, sign-in
 * counters, live events or notifications any more than the records themselves. The
 * search outbox alone is compared by the rows added to it, because the search worker
 * deletes the rows the preparation queued whenever it gets to them.
 */
async function snapshot() {
  // Work the fixtures queued (mail after an approval…) happens now, not during the case.
  await t.drainJobs();
  return {
    tables: await databaseFingerprint(t.hub.db, { queues: ['search_outbox'] }),
    mail: await filesUnder(t.config.mail.dir),
    uploads: await filesUnder(t.config.uploadsDir)
  };
}

/**
 * The records a case acts on: fresh for a success; for a refusal, the scenario's shared
 * set, made by its first refusal (a copy, so a case may change which slug it names).
 */
const sharedByRefusals = new Map<Scenario, Promise<Prepared>>();
async function prepare(scenario: Scenario, refusal: boolean): Promise<Prepared> {
  const make = async () => (await scenario.prepare?.()) ?? {};
  if (!refusal) return make();
  if (!sharedByRefusals.has(scenario)) sharedByRefusals.set(scenario, make());
  const shared = await sharedByRefusals.get(scenario)!;
  return { ...shared, params: shared.params && { ...shared.params } };
}

/** Who is outside a hidden record, and must not learn that it exists. */
const outsiders = ['visitor', 'member', 'otherOrgAdmin'] as const satisfies readonly ActorName[];
let unknownSlugs = 0;

/**
 * One cell of the matrix. With `unknownSlug`, the request names a slug no record has
 * instead of the prepared one, and must get the answer the hidden record got.
 */
async function runCase(route: RouteSpec, scenario: Scenario, actor: ActorName, options: { unknownSlug?: boolean } = {}) {
  const expected = scenario.expect[actor];
  const prepared = await prepare(scenario, expected >= 400);
  if (options.unknownSlug) prepared.params = { ...prepared.params, slug: `nobody-has-this-${process.pid}-${++unknownSlugs}` };
  const person = actor === 'visitor' ? undefined : people[actor];
  const cookie = person && (scenario.session === 'fresh' ? await freshSessionOf(person) : person.cookie);
  const mustChangeNothing = expected >= 400 || (scenario.changesNothingFor?.includes(actor) ?? false);
  const before = mustChangeNothing ? await snapshot() : undefined;

  const response = await send(route, prepared, cookie);

  expect(response.statusCode, response.body).toBe(expected);
  if (expected >= 400) {
    const code = response.json().code as ProblemCode;
    expect(problemsOf(route), `${code} is declared for ${route.operationId}`).toContain(code);
    expect(problemInfo(code)?.status, `the status of ${code}`).toBe(expected);
  }
  if (before) expect(await snapshot(), 'nothing changed').toEqual(before);
}

// ---------------------------------------------------------------- the tests

describe('the matrix follows the contract', () => {
  const writeIds = apiRoutes.filter((r) => r.method !== 'GET').map((r) => r.operationId);
  const privateReadIds = apiRoutes.filter((r) => r.method === 'GET' && r.audience !== 'public').map((r) => r.operationId);

  it('has a row for every state-changing route, and none for a route that does not exist', () => {
    expect({
      routesWithoutRow: writeIds.filter((id) => !(id in writes)),
      rowsNamingNoSuchRoute: Object.keys(writes).filter((id) => !writeIds.includes(id))
    }).toEqual({ routesWithoutRow: [], rowsNamingNoSuchRoute: [] });
  });

  it('has a row for every read that is not public, and only reads among the reads', () => {
    expect({
      readsWithoutRow: privateReadIds.filter((id) => !(id in reads)),
      rowsNamingNoSuchRead: Object.keys(reads).filter((id) => routesById.get(id)?.method !== 'GET')
    }).toEqual({ readsWithoutRow: [], rowsNamingNoSuchRead: [] });
  });

  it('tries every route that names a record by slug on a hidden one', () => {
    const withoutHidden = apiRoutes
      .filter((route) => route.path.includes('{slug}'))
      .filter((route) => !scenariosOf(rows[route.operationId]).some((scenario) => scenario.hidden))
      .map((route) => route.operationId);
    expect(withoutHidden).toEqual([]);
  });

  it('expects of each route only statuses its contract declares', () => {
    const undeclared: string[] = [];
    for (const [id, entry] of Object.entries(rows)) {
      const route = routesById.get(id);
      if (!route) continue; // reported by the tests above
      for (const scenario of scenariosOf(entry)) {
        for (const actor of actors) {
          const status = scenario.expect[actor];
          const declared = status >= 400 ? declaredStatuses(route).has(status) : status in route.responses;
          if (!declared) undeclared.push(`${id} on ${scenario.on}: ${actor} → ${status}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});

for (const [kind, table] of [
  ['changes', writes],
  ['reads', reads]
] as const) {
  for (const [id, entry] of Object.entries(table)) {
    const route = routesById.get(id);
    if (!route) continue; // reported by 'the matrix follows the contract'
    for (const scenario of scenariosOf(entry)) {
      describe(`${kind}: ${id} (${route.method} ${route.path}) on ${scenario.on}`, () => {
        for (const actor of actors) {
          const status = scenario.expect[actor];
          const outcome = status >= 400 ? `${status}, changing nothing` : scenario.changesNothingFor?.includes(actor) ? `${status}, changing nothing` : `${status}`;
          it(`${actor} → ${outcome}`, () => runCase(route, scenario, actor));
        }
        if (scenario.hidden) {
          for (const actor of outsiders) {
            it(`${actor} → ${scenario.expect[actor]} for a slug no organisation has, too`, () => runCase(route, scenario, actor, { unknownSlug: true }));
          }
        }
      });
    }
  }
}
