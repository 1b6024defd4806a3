import type { Tx } from '@mutirao/db';
import { filterAll, filterIn } from '@mutirao/search';
import {
  DIRECTORY_PAGE_SIZE,
  type DirectoryQueryInput,
  type DirectoryResult,
  type OrganisationApplyInput,
  type OrganisationRole,
  type OrganisationSort,
  type OrganisationStatus,
  type OrganisationUpdateInput
} from '@mutirao/shared';
import { authorize, isStaff, requireActor, type Actor } from '../../auth/can';
import { hashToken, randomToken } from '../../auth/tokens';
import { AppError, badRequest, conflict, notFound, type FieldError } from '../../http/errors';
import type { Hub } from '../../hub';
import type { OutgoingMail } from '../../plugins/mail';
import { deleteLogo, detectLogo, readLogo, storeLogo } from './organisations.logo';
import { cardFromDocument, toOrganisationCard } from './organisations.mapper';
import { organisationMail } from './organisations.mail';
import { firstFreeSlug, organisationNameKey, slugBase } from './organisations.names';
import { authorizeOrganisation, canOrganisation, type Membership } from './organisations.policy';
import * as repo from './organisations.repo';
import { ORGANISATIONS_INDEX, type IndexedOrganisation } from './organisations.search';
import { meilisearchErrorCode } from '@mutirao/search';
import { notify } from '../notifications/notifications.service';

/**
 * What the organisation services need. Mail and logging are optional so the
 * demo seed (which has neither, and should not mail anyone) can use the same rules.
 */
export type OrganisationsHub = Pick<Hub, 'db' | 'config' | 'search' | 'live'> & Partial<Pick<Hub, 'mailer' | 'log'>>;

const DAY = 24 * 60 * 60 * 1000;
export const INVITATION_TTL = 7 * DAY;
const QUEUE_PAGE_SIZE = 25;
const AUDIT_PAGE_SIZE = 50;

const invalid = (fields: FieldError[]) => badRequest('validation_failed', 'Some fields are missing or invalid.', fields);

async function sendSafely(hub: OrganisationsHub, mails: OutgoingMail[]) {
  if (!hub.mailer) return;
  for (const mail of mails) {
    try {
      await hub.mailer.send(mail);
    } catch (err) {
      // The change is committed; a lost notice must not undo it or fail the request.
      hub.log?.error({ err, kind: mail.kind }, 'mail could not be sent');
    }
  }
}

/** Changes that reach the public directory go through the search outbox, in the same transaction. */
const reindex = (hub: OrganisationsHub, tx: Tx, id: string) => hub.search.enqueue(tx, ORGANISATIONS_INDEX, id, 'upsert');
const announce = (hub: OrganisationsHub, tx: Tx, id: string) =>
  hub.live.publish(tx, { topic: `organisation:${id}`, type: 'organisation.updated', id });

/** Runs `fn` until its slug choice does not clash with one taken concurrently. */
async function retryOnSlugClash<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (repo.uniqueViolation(err) === 'organisations_slug_key' && attempt < 5) continue;
      throw err;
    }
  }
}

const nameTaken = () =>
  conflict('organisation_name_taken', 'An organisation with this name is already registered or waiting for review.', [
    { field: 'body.name', code: 'taken', message: 'is already registered (case and accents are ignored)' }
  ]);

function checkInput(input: Partial<OrganisationApplyInput>): { nameKey?: string } {
  const fields: FieldError[] = [];
  let nameKey: string | undefined;
  if (input.name !== undefined) {
    nameKey = organisationNameKey(input.name);
    if (nameKey.length < 2) fields.push({ field: 'body.name', code: 'too_short', message: 'needs at least two letters' });
  }
  if (input.foundedYear != null && input.foundedYear > new Date().getUTCFullYear()) {
    fields.push({ field: 'body.foundedYear', code: 'in_future', message: 'cannot be in the future' });
  }
  if (fields.length > 0) throw invalid(fields);
  return { nameKey };
}

function cleanFields(input: Partial<OrganisationApplyInput>) {
  return {
    ...(input.name !== undefined && { name: input.name.trim().replace(/\s+/g, ' ') }),
    ...(input.type !== undefined && { type: input.type }),
    ...(input.countries !== undefined && { countries: input.countries }),
    ...(input.hqCity !== undefined && { hqCity: input.hqCity.trim() }),
    ...(input.hqCountry !== undefined && { hqCountry: input.hqCountry }),
    ...(input.website !== undefined && { website: input.website?.trim() || null }),
    ...(input.contactEmail !== undefined && { contactEmail: input.contactEmail.trim() }),
    ...(input.description !== undefined && { description: input.description.trim() }),
    ...(input.descriptionLocale !== undefined && { descriptionLocale: input.descriptionLocale }),
    ...(input.themes !== undefined && { themes: input.themes }),
    ...(input.foundedYear !== undefined && { foundedYear: input.foundedYear })
  };
}

async function membershipOf(tx: Tx, actor: Actor | null | undefined, organisationId: string | undefined): Promise<Membership> {
  return actor && organisationId ? repo.findMembership(tx, organisationId, actor.id) : undefined;
}

/** Loads (and, for changes, locks) the organisation, and checks the actor may do this to it. */
async function authorized(
  tx: Tx,
  actor: Actor | null | undefined,
  id: string,
  action: Parameters<typeof canOrganisation>[1],
  options: { lock: boolean }
) {
  if (action !== 'view') requireActor(actor);
  const org = options.lock ? await repo.lockOrganisation(tx, id) : await repo.findOrganisationById(tx, id);
  const membership = await membershipOf(tx, actor, org?.id);
  authorizeOrganisation(actor, action, org, membership);
  return { org: org!, membership };
}

// ---------------------------------------------------------------- applying and editing

/** A member applies to register an organisation; it waits, pending, for a coordinator. */
export async function apply(hub: OrganisationsHub, actor: Actor | null, input: OrganisationApplyInput) {
  requireActor(actor);
  const { nameKey } = checkInput(input);
  const values = cleanFields(input);
  try {
    return await retryOnSlugClash(() =>
      hub.db.transaction(async (tx) => {
        if (await repo.findByNameKey(tx, nameKey!)) throw nameTaken();
        const base = slugBase(values.name!);
        const slug = firstFreeSlug(base, await repo.slugsLike(tx, base));
        const row = await repo.insertOrganisation(tx, {
          ...values,
          name: values.name!,
          type: values.type!,
          countries: values.countries!,
          hqCity: values.hqCity!,
          hqCountry: values.hqCountry!,
          contactEmail: values.contactEmail!,
          description: values.description!,
          descriptionLocale: values.descriptionLocale!,
          themes: values.themes ?? [],
          slug,
          nameKey: nameKey!,
          status: 'pending',
          applicantId: actor.id
        });
        await repo.recordAudit(tx, { organisationId: row.id, actorId: actor.id, action: 'organisation.applied', subjectUserId: actor.id });
        return row;
      })
    );
  } catch (err) {
    if (repo.uniqueViolation(err) === 'organisations_name_key_key') throw nameTaken();
    throw err;
  }
}

/**
 * Edits the profile: the applicant while it is pending, its admins once approved,
 * coordinators always. The slug follows the name only until approval.
 */
export async function update(hub: OrganisationsHub, actor: Actor | null, id: string, input: OrganisationUpdateInput) {
  const { nameKey } = checkInput(input);
  const values = cleanFields(input);
  try {
    return await retryOnSlugClash(() =>
      hub.db.transaction(async (tx) => {
        const { org } = await authorized(tx, actor, id, 'edit', { lock: true });
        const changes: Partial<repo.NewOrganisation> = { ...values };
        if (nameKey !== undefined && nameKey !== org.nameKey) {
          if (await repo.findByNameKey(tx, nameKey, org.id)) throw nameTaken();
          changes.nameKey = nameKey;
          if (org.status === 'pending' && org.approvedAt === null) {
            const base = slugBase(values.name!);
            if (base !== org.slug.replace(/-\d+$/, '')) {
              changes.slug = firstFreeSlug(base, (await repo.slugsLike(tx, base)).filter((s) => s !== org.slug));
            }
          }
        }
        const row = await repo.updateOrganisation(tx, org.id, changes);
        await repo.recordAudit(tx, {
          organisationId: org.id,
          actorId: actor!.id,
          action: 'organisation.updated',
          details: { fields: Object.keys(values) }
        });
        if (row.status === 'approved') await reindex(hub, tx, row.id);
        await announce(hub, tx, row.id);
        return row;
      })
    );
  } catch (err) {
    if (repo.uniqueViolation(err) === 'organisations_name_key_key') throw nameTaken();
    throw err;
  }
}

/** Checked before reading an upload, so a refused person cannot make us read 2 MB. */
export async function assertCanEdit(hub: OrganisationsHub, actor: Actor | null, id: string): Promise<void> {
  await authorized(hub.db, actor, id, 'edit', { lock: false });
}

/** Replaces the logo. The bytes decide the type; the old file goes once the change commits. */
export async function setLogo(hub: OrganisationsHub, actor: Actor | null, id: string, bytes: Buffer) {
  requireActor(actor);
  const mime = detectLogo(bytes);
  const key = await storeLogo(hub.config.uploadsDir, id, mime, bytes);
  let previous: string | null = null;
  try {
    const row = await hub.db.transaction(async (tx) => {
      const { org } = await authorized(tx, actor, id, 'edit', { lock: true });
      previous = org.logoKey;
      const updated = await repo.updateOrganisation(tx, org.id, { logoKey: key, logoMime: mime });
      await repo.recordAudit(tx, { organisationId: org.id, actorId: actor.id, action: 'logo.updated', details: { type: mime } });
      if (updated.status === 'approved') await reindex(hub, tx, org.id);
      await announce(hub, tx, org.id);
      return updated;
    });
    await deleteLogo(hub.config.uploadsDir, previous);
    return row;
  } catch (err) {
    await deleteLogo(hub.config.uploadsDir, key);
    throw err;
  }
}

export async function removeLogo(hub: OrganisationsHub, actor: Actor | null, id: string) {
  let previous: string | null = null;
  const row = await hub.db.transaction(async (tx) => {
    const { org } = await authorized(tx, actor, id, 'edit', { lock: true });
    previous = org.logoKey;
    const updated = await repo.updateOrganisation(tx, org.id, { logoKey: null, logoMime: null });
    await repo.recordAudit(tx, { organisationId: org.id, actorId: actor!.id, action: 'logo.removed' });
    if (updated.status === 'approved') await reindex(hub, tx, org.id);
    await announce(hub, tx, org.id);
    return updated;
  });
  await deleteLogo(hub.config.uploadsDir, previous);
  return row;
}

export async function getLogo(hub: OrganisationsHub, actor: Actor | null, slug: string) {
  const org = await repo.findOrganisationBySlug(hub.db, slug);
  authorizeOrganisation(actor, 'view', org, await membershipOf(hub.db, actor, org?.id));
  const bytes = org.logoKey ? await readLogo(hub.config.uploadsDir, org.logoKey) : undefined;
  if (!bytes || !org.logoMime) throw notFound('This organisation has no logo.');
  return { bytes, mime: org.logoMime, public: org.status === 'approved' };
}

// ---------------------------------------------------------------- reading

/** The profile page: the organisation, its staff (listed ones, or all for those who manage it) and what the viewer may do. */
export async function getProfile(hub: OrganisationsHub, actor: Actor | null, slug: string) {
  const org = await repo.findOrganisationBySlug(hub.db, slug);
  const membership = await membershipOf(hub.db, actor, org?.id);
  authorizeOrganisation(actor, 'view', org, membership);
  const manages = canOrganisation(actor, 'manageStaff', org, membership);
  const staff = await repo.listMembers(hub.db, org.id, { listedOnly: !manages });
  const pendingRequest = actor && !membership ? await repo.findPendingJoinRequest(hub.db, org.id, actor.id) : undefined;
  return {
    org,
    staff,
    manages,
    seesReason: isStaff(actor) || !!membership || (!!actor && org.applicantId === actor.id),
    viewer: {
      role: membership?.role ?? null,
      canEdit: canOrganisation(actor, 'edit', org, membership),
      canManageStaff: manages,
      canReview: canOrganisation(actor, 'review', org, membership),
      canRequestToJoin: canOrganisation(actor, 'requestToJoin', org, membership) && !pendingRequest,
      joinRequestPending: !!pendingRequest
    }
  };
}

export async function newest(hub: OrganisationsHub, limit: number) {
  return (await repo.newestApproved(hub.db, limit)).map(toOrganisationCard);
}

export async function myOrganisations(hub: OrganisationsHub, actor: Actor | null) {
  requireActor(actor);
  const [memberships, applications, joinRequests] = await Promise.all([
    repo.membershipsOf(hub.db, actor.id),
    repo.applicationsOf(hub.db, actor.id),
    repo.joinRequestsOf(hub.db, actor.id)
  ]);
  return { memberships, applications, joinRequests };
}

const retrieved: Array<keyof IndexedOrganisation> = [
  'id',
  'slug',
  'name',
  'type',
  'countries',
  'hqCity',
  'hqCountry',
  'themes',
  'description',
  'descriptionLocale',
  'logoUrl',
  'approvedAt'
];
const facetAttribute = { country: 'countries', type: 'type', theme: 'themes' } as const;
type Facet = keyof typeof facetAttribute;
const facetNames = Object.keys(facetAttribute) as Facet[];

/**
 * The public directory, searched in Meilisearch. Facet counts are disjunctive:
 * each facet's counts apply every other filter but its own, so choosing Brazil
 * still shows how many work in Chile. All queries go in one multi-search request.
 */
export async function searchDirectory(hub: OrganisationsHub, query: DirectoryQueryInput): Promise<DirectoryResult> {
  const q = query.q?.trim() ?? '';
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DIRECTORY_PAGE_SIZE;
  const sort: OrganisationSort = query.sort === 'relevance' && !q ? 'name' : (query.sort ?? (q ? 'relevance' : 'name'));
  const selected: Record<Facet, readonly string[]> = { country: query.country ?? [], type: query.type ?? [], theme: query.theme ?? [] };
  // Values reach Meilisearch only through filterIn, which quotes and escapes each one.
  const clause = (facet: Facet) => (selected[facet].length > 0 ? filterIn(facetAttribute[facet], selected[facet]) : undefined);
  const filterWithout = (skip?: Facet) => filterAll(facetNames.filter((f) => f !== skip).map(clause));

  const indexUid = hub.search.indexName(ORGANISATIONS_INDEX);
  const active = facetNames.filter((f) => selected[f].length > 0);
  const queries = [
    {
      indexUid,
      q,
      filter: filterWithout(),
      facets: facetNames.filter((f) => !active.includes(f)).map((f) => facetAttribute[f]),
      sort: sort === 'name' ? ['nameSort:asc'] : sort === 'newest' ? ['approvedAt:desc'] : undefined,
      page,
      hitsPerPage: pageSize,
      attributesToRetrieve: retrieved as string[]
    },
    ...active.map((facet) => ({
      indexUid,
      q,
      filter: filterWithout(facet),
      facets: [facetAttribute[facet]],
      page: 1,
      hitsPerPage: 0
    }))
  ];
  let results;
  try {
    ({ results } = await hub.search.client.multiSearch<{ queries: typeof queries }, IndexedOrganisation>({ queries }));
  } catch (err) {
    // Nothing approved has been indexed yet: an empty directory, not an outage.
    if (meilisearchErrorCode(err) === 'index_not_found') return emptyDirectory(page, pageSize, sort);
    hub.log?.error({ err }, 'directory search failed');
    throw new AppError(503, 'search_unavailable', 'The directory search is not available right now. Try again in a moment.');
  }
  const [main, ...facetResults] = results;
  const distribution = { ...main.facetDistribution };
  for (const result of facetResults) Object.assign(distribution, result.facetDistribution);
  return {
    items: main.hits.map((hit) => cardFromDocument(hit)),
    total: main.totalHits ?? 0,
    page,
    pageSize,
    totalPages: main.totalPages ?? 0,
    sort,
    facets: {
      country: distribution.countries ?? {},
      type: distribution.type ?? {},
      theme: distribution.themes ?? {}
    },
    processingTimeMs: results.reduce((sum, r) => sum + r.processingTimeMs, 0)
  };
}

function emptyDirectory(page: number, pageSize: number, sort: OrganisationSort): DirectoryResult {
  return { items: [], total: 0, page, pageSize, totalPages: 0, sort, facets: { country: {}, type: {}, theme: {} }, processingTimeMs: 0 };
}

// ---------------------------------------------------------------- review (coordinators)

export async function listForReview(hub: OrganisationsHub, actor: Actor | null, status: OrganisationStatus, page: number) {
  authorize(actor, 'hub.moderate');
  const { items, total } = await repo.listByStatus(hub.db, status, page, QUEUE_PAGE_SIZE);
  return { items, total, page, pageSize: QUEUE_PAGE_SIZE };
}

export async function auditTrail(hub: OrganisationsHub, actor: Actor | null, id: string, page: number) {
  authorize(actor, 'hub.moderate');
  if (!(await repo.findOrganisationById(hub.db, id))) throw notFound('No such organisation.');
  const { items, total } = await repo.listAudit(hub.db, id, page, AUDIT_PAGE_SIZE);
  return { items, total, page, pageSize: AUDIT_PAGE_SIZE };
}

type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';
const transitions: Record<Decision, { from: OrganisationStatus; to: OrganisationStatus; action: string; done: string }> = {
  approve: { from: 'pending', to: 'approved', action: 'status.approved', done: 'approved' },
  reject: { from: 'pending', to: 'rejected', action: 'status.rejected', done: 'rejected' },
  suspend: { from: 'approved', to: 'suspended', action: 'status.suspended', done: 'suspended' },
  reinstate: { from: 'suspended', to: 'approved', action: 'status.reinstated', done: 'reinstated' }
};

/** In-app notice of a decision: approval or rejection to the applicant, suspension or reinstatement to the admins. */
async function notifyDecision(hub: OrganisationsHub, tx: Tx, decision: Decision, org: repo.OrganisationRow) {
  const about = { organisationId: org.id, slug: org.slug, name: org.name };
  const reason = org.statusReason ?? '';
  if (decision === 'approve' && org.applicantId) await notify(hub, tx, org.applicantId, 'organisation.approved', about);
  if (decision === 'reject' && org.applicantId) await notify(hub, tx, org.applicantId, 'organisation.rejected', { ...about, reason });
  if (decision === 'suspend' || decision === 'reinstate') {
    for (const adminId of await repo.adminIds(tx, org.id)) {
      if (decision === 'suspend') await notify(hub, tx, adminId, 'organisation.suspended', { ...about, reason });
      else await notify(hub, tx, adminId, 'organisation.reinstated', about);
    }
  }
}

/**
 * A coordinator's decision on an organisation. Approval makes the applicant its
 * first admin; the applicant hears of approval or rejection in-app (live, in the
 * same transaction) and by mail (after it commits).
 */
export async function decide(hub: OrganisationsHub, actor: Actor | null, id: string, decision: Decision, reason?: string) {
  requireActor(actor);
  const step = transitions[decision];
  const result = await hub.db.transaction(async (tx) => {
    const { org } = await authorized(tx, actor, id, 'review', { lock: true });
    if (org.status !== step.from) {
      throw conflict('invalid_status', `This organisation is ${org.status}; only a ${step.from} one can be ${step.done}.`);
    }
    const now = new Date();
    const row = await repo.updateOrganisation(tx, org.id, {
      status: step.to,
      statusReason: step.to === 'rejected' || step.to === 'suspended' ? reason!.trim() : null,
      reviewedBy: actor.id,
      reviewedAt: now,
      ...(decision === 'approve' && { approvedAt: now })
    });
    await repo.recordAudit(tx, {
      organisationId: org.id,
      actorId: actor.id,
      action: step.action,
      details: { from: org.status, to: step.to, ...(reason && { reason: reason.trim() }) }
    });
    if (decision === 'approve' && org.applicantId) {
      await repo.insertMember(tx, { organisationId: org.id, userId: org.applicantId, role: 'admin' });
      await repo.recordAudit(tx, {
        organisationId: org.id,
        actorId: actor.id,
        action: 'member.added',
        subjectUserId: org.applicantId,
        details: { role: 'admin', via: 'approval' }
      });
    }
    await reindex(hub, tx, org.id);
    // Who may follow it changes with its status (a suspended organisation is no longer
    // public); sent before the announcement, which then reaches only those still allowed.
    await hub.live.accessChanged(tx, { topic: `organisation:${org.id}` });
    await announce(hub, tx, org.id);
    await notifyDecision(hub, tx, decision, row);
    const applicant = org.applicantId ? await repo.findUserForMail(tx, org.applicantId) : undefined;
    return { row, applicant };
  });
  const { row, applicant } = result;
  if (applicant && (decision === 'approve' || decision === 'reject')) {
    const link =
      decision === 'approve'
        ? `${hub.config.publicOrigin}/organisations/${row.slug}`
        : `${hub.config.publicOrigin}/organisations/mine`;
    await sendSafely(hub, [
      organisationMail(decision === 'approve' ? 'approved' : 'rejected', applicant, {
        organisation: row.name,
        link,
        reason: row.statusReason ?? undefined
      })
    ]);
  }
  return row;
}

// ---------------------------------------------------------------- staff

export async function requestToJoin(hub: OrganisationsHub, actor: Actor | null, id: string, message: string) {
  requireActor(actor);
  try {
    return await hub.db.transaction(async (tx) => {
      const org = await repo.findOrganisationById(tx, id);
      const membership = await membershipOf(tx, actor, org?.id);
      if (org && membership && canOrganisation(actor, 'view', org, membership)) {
        throw conflict('already_member', 'You are already part of this organisation.');
      }
      authorizeOrganisation(actor, 'requestToJoin', org, membership);
      if (await repo.findPendingJoinRequest(tx, org.id, actor.id)) throw pendingRequestExists();
      const request = await repo.insertJoinRequest(tx, { organisationId: org.id, userId: actor.id, message: message.trim() });
      await repo.recordAudit(tx, { organisationId: org.id, actorId: actor.id, action: 'join.requested', subjectUserId: actor.id });
      const requester = await repo.findUserForMail(tx, actor.id);
      for (const adminId of await repo.adminIds(tx, org.id)) {
        await notify(hub, tx, adminId, 'organisation.join_requested', {
          organisationId: org.id,
          slug: org.slug,
          name: org.name,
          requesterName: requester?.name ?? ''
        });
      }
      return request;
    });
  } catch (err) {
    if (repo.uniqueViolation(err) === 'organisation_join_requests_pending_key') throw pendingRequestExists();
    throw err;
  }
}

const pendingRequestExists = () => conflict('join_request_pending', 'You already asked to join; the admins have not decided yet.');

export async function listJoinRequests(hub: OrganisationsHub, actor: Actor | null, id: string) {
  const { org } = await authorized(hub.db, actor, id, 'manageStaff', { lock: false });
  return repo.listPendingJoinRequests(hub.db, org.id);
}

export async function decideJoinRequest(
  hub: OrganisationsHub,
  actor: Actor | null,
  id: string,
  requestId: string,
  decision: 'approve' | 'decline'
) {
  const result = await hub.db.transaction(async (tx) => {
    const { org } = await authorized(tx, actor, id, 'manageStaff', { lock: true });
    const request = await repo.findJoinRequest(tx, org.id, requestId);
    if (!request) throw notFound('No such request.');
    const decided = await repo.decideJoinRequest(tx, request.id, decision === 'approve' ? 'approved' : 'declined', actor!.id);
    if (!decided) throw conflict('already_decided', 'This request was already decided.');
    await repo.recordAudit(tx, {
      organisationId: org.id,
      actorId: actor!.id,
      action: decision === 'approve' ? 'join.approved' : 'join.declined',
      subjectUserId: request.userId
    });
    if (decision === 'approve' && (await repo.insertMember(tx, { organisationId: org.id, userId: request.userId, role: 'member' }))) {
      await repo.recordAudit(tx, {
        organisationId: org.id,
        actorId: actor!.id,
        action: 'member.added',
        subjectUserId: request.userId,
        details: { role: 'member', via: 'join_request' }
      });
      await announce(hub, tx, org.id);
    }
    const about = { organisationId: org.id, slug: org.slug, name: org.name };
    await notify(hub, tx, request.userId, decision === 'approve' ? 'organisation.join_approved' : 'organisation.join_declined', about);
    return { org, decided, requester: await repo.findUserForMail(tx, request.userId) };
  });
  if (result.requester) {
    await sendSafely(hub, [
      organisationMail(decision === 'approve' ? 'joinApproved' : 'joinDeclined', result.requester, {
        organisation: result.org.name,
        link: `${hub.config.publicOrigin}/organisations/${result.org.slug}`
      })
    ]);
  }
  return result.decided;
}

/** Role and listing changes. The person may hide or show themself; only admins change roles. */
export async function updateMember(
  hub: OrganisationsHub,
  actor: Actor | null,
  id: string,
  userId: string,
  input: { role?: OrganisationRole; listed?: boolean }
) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const self = actor.id === userId && input.role === undefined;
    const { org } = await authorized(tx, actor, id, self ? 'view' : 'manageStaff', { lock: true });
    const target = await repo.findMembership(tx, org.id, userId);
    if (!target) throw notFound('This person is not part of the organisation.');
    if (input.role === 'member' && target.role === 'admin' && (await repo.countAdmins(tx, org.id)) <= 1) throw lastAdmin();
    const row = await repo.updateMember(tx, org.id, userId, input);
    if (input.role !== undefined && input.role !== target.role) {
      await repo.recordAudit(tx, {
        organisationId: org.id,
        actorId: actor.id,
        action: 'member.role_changed',
        subjectUserId: userId,
        details: { from: target.role, to: input.role }
      });
      await hub.live.publish(tx, { topic: `user:${userId}`, type: 'organisation.role_changed', id: org.id });
      await hub.live.accessChanged(tx, { userId });
    }
    if (input.listed !== undefined && input.listed !== target.listed) {
      await repo.recordAudit(tx, {
        organisationId: org.id,
        actorId: actor.id,
        action: 'member.listing_changed',
        subjectUserId: userId,
        details: { listed: input.listed }
      });
    }
    await announce(hub, tx, org.id);
    return row!;
  });
}

const lastAdmin = () =>
  conflict('last_admin', 'An organisation needs at least one admin: make someone else admin first.');

/** An admin removes someone, or a person leaves (always possible, except for the last admin). */
export async function removeMember(hub: OrganisationsHub, actor: Actor | null, id: string, userId: string) {
  requireActor(actor);
  await hub.db.transaction(async (tx) => {
    const leaving = actor.id === userId;
    const { org } = await authorized(tx, actor, id, leaving ? 'view' : 'manageStaff', { lock: true });
    const target = await repo.findMembership(tx, org.id, userId);
    if (!target) throw notFound('This person is not part of the organisation.');
    if (target.role === 'admin' && (await repo.countAdmins(tx, org.id)) <= 1) throw lastAdmin();
    await repo.deleteMember(tx, org.id, userId);
    await repo.recordAudit(tx, {
      organisationId: org.id,
      actorId: actor.id,
      action: leaving ? 'member.left' : 'member.removed',
      subjectUserId: userId,
      details: { role: target.role }
    });
    if (!leaving) await hub.live.publish(tx, { topic: `user:${userId}`, type: 'organisation.removed', id: org.id });
    // Their sockets stop hearing about the organisation if it is not public. Sent before
    // the announcement, so that event already finds the re-check under way.
    await hub.live.accessChanged(tx, { userId });
    await announce(hub, tx, org.id);
  });
}

// ---------------------------------------------------------------- invitations

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Mails a single-use link, valid for 7 days, that adds the person with this role. */
export async function invite(hub: OrganisationsHub, actor: Actor | null, id: string, input: { email: string; role?: OrganisationRole }) {
  requireActor(actor);
  const token = randomToken();
  const email = normalizeEmail(input.email);
  const role = input.role ?? 'member';
  const result = await hub.db.transaction(async (tx) => {
    const { org } = await authorized(tx, actor, id, 'manageStaff', { lock: true });
    const invitee = await repo.findUserByEmail(tx, email);
    if (invitee && (await repo.findMembership(tx, org.id, invitee.id))) {
      throw conflict('already_member', 'This person is already part of the organisation.', [
        { field: 'body.email', code: 'already_member', message: 'is already part of the organisation' }
      ]);
    }
    const invitation = await repo.insertInvitation(tx, {
      organisationId: org.id,
      emailNormalized: email,
      role,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_TTL)
    });
    await repo.recordAudit(tx, {
      organisationId: org.id,
      actorId: actor.id,
      action: 'invitation.sent',
      subjectUserId: invitee?.id ?? null,
      details: { email, role }
    });
    const inviter = await repo.findUserForMail(tx, actor.id);
    return { org, invitation, inviter, locale: invitee?.locale ?? inviter?.locale ?? 'es' };
  });
  await sendSafely(hub, [
    organisationMail(
      'invitation',
      { email, name: '', locale: result.locale },
      {
        organisation: result.org.name,
        inviter: result.inviter?.name ?? 'Mutirão',
        link: `${hub.config.publicOrigin}/invitations/${token}`
      }
    )
  ]);
  return result.invitation;
}

export async function listInvitations(hub: OrganisationsHub, actor: Actor | null, id: string) {
  const { org } = await authorized(hub.db, actor, id, 'manageStaff', { lock: false });
  return repo.listOpenInvitations(hub.db, org.id);
}

function invitationState(invitation: repo.InvitationRow): 'open' | 'expired' | 'used' {
  if (invitation.acceptedAt) return 'used';
  return invitation.expiresAt.getTime() <= Date.now() ? 'expired' : 'open';
}

/** What the link shows before anyone signs in: the organisation, the masked address, whether it still works. */
export async function previewInvitation(hub: OrganisationsHub, token: string) {
  const found = await repo.findInvitationByTokenHash(hub.db, hashToken(token));
  if (!found) throw notFound('This invitation link is not valid.');
  return { ...found, state: invitationState(found.invitation) };
}

/**
 * Accepts an invitation as the signed-in person. The link works once, until it
 * expires, and for another account than the invited address only when the
 * person confirms that is what they mean.
 */
export async function acceptInvitation(
  hub: OrganisationsHub,
  actor: Actor | null,
  token: string,
  options: { confirmDifferentAccount?: boolean }
) {
  requireActor(actor);
  return hub.db.transaction(async (tx) => {
    const found = await repo.findInvitationByTokenHash(tx, hashToken(token));
    if (!found) throw notFound('This invitation link is not valid.');
    const { invitation, organisation: org } = found;
    const state = invitationState(invitation);
    if (state === 'used') throw new AppError(410, 'invitation_used', 'This invitation was already used.');
    if (state === 'expired') throw new AppError(410, 'invitation_expired', 'This invitation has expired. Ask for a new one.');
    if (org.status !== 'approved' && org.status !== 'suspended') throw notFound('This invitation link is not valid.');
    const me = await repo.findUserForMail(tx, actor.id);
    const differentAccount = normalizeEmail(me?.email ?? '') !== invitation.emailNormalized;
    if (differentAccount && !options.confirmDifferentAccount) {
      throw conflict(
        'invitation_email_mismatch',
        'This invitation was sent to another email address. Confirm to accept it with the account you are signed in with.'
      );
    }
    const consumed = await repo.consumeInvitation(tx, invitation.id, actor.id);
    // Another request used it between our read and our update.
    if (!consumed) throw new AppError(410, 'invitation_used', 'This invitation was already used.');
    const existing = await repo.findMembership(tx, org.id, actor.id);
    let role: OrganisationRole = invitation.role;
    if (!existing) {
      await repo.insertMember(tx, { organisationId: org.id, userId: actor.id, role });
    } else if (existing.role === 'member' && invitation.role === 'admin') {
      await repo.updateMember(tx, org.id, actor.id, { role: 'admin' });
    } else {
      role = existing.role;
    }
    await repo.recordAudit(tx, {
      organisationId: org.id,
      actorId: actor.id,
      action: 'invitation.accepted',
      subjectUserId: actor.id,
      details: { email: invitation.emailNormalized, role, ...(differentAccount && { differentAccount: true }) }
    });
    await announce(hub, tx, org.id);
    return { organisation: org, role };
  });
}

// ---------------------------------------------------------------- live

/** Who may follow `organisation:<id>`: whoever may see the organisation. */
export async function canFollow(hub: OrganisationsHub, actor: Actor | null, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return false;
  const org = await repo.findOrganisationById(hub.db, id);
  return !!org && canOrganisation(actor, 'view', org, await membershipOf(hub.db, actor, org.id));
}
