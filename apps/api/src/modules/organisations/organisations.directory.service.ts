// Reading organisations: the profile, the newest members, one's own organisations, the public
// directory (searched in Meilisearch), logos, and who may follow an organisation's live topic.
import { filterAll, filterIn, meilisearchErrorCode } from '@mutirao/search';
import { DIRECTORY_PAGE_SIZE, type DirectoryQueryInput, type DirectoryResult, type OrganisationSort } from '@mutirao/shared';
import { isStaff, requireActor, type Actor } from '../../auth/can';
import { AppError, notFound } from '../../http/errors';
import { membershipOf } from './organisations.access';
import type { OrganisationsHub } from './organisations.changes';
import { DEFAULT_LOGO_SIZE, LOGO_MIME, readLogo, type LogoSize } from './organisations.logo';
import { cardFromDocument, cardKeys, toOrganisationCard, type OrganisationDocument } from './organisations.mapper';
import { authorizeOrganisation, canOrganisation } from './organisations.policy';
import * as repo from './organisations.repo';
import { ORGANISATIONS_INDEX } from './organisations.search';
import { visibleProfiles } from './organisations.staff-profiles';

/** A well-formed id that no organisation has: what an unknown slug resolves to. */
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

/**
 * The id behind a slug in a path. An unknown slug is not refused here: it resolves to
 * an id no organisation has, so the service's own check answers it exactly as it
 * answers an organisation the person may not see (401 for visitors, 403 on
 * coordinators' routes, 404 otherwise). Refusing it here with 404 would tell a
 * visitor, who gets 401 for a hidden organisation, which slugs exist.
 */
export async function idForSlug(hub: OrganisationsHub, slug: string): Promise<string> {
  const org = await repo.findOrganisationBySlug(hub.db, slug);
  return org?.id ?? NO_ORGANISATION;
}

/** The profile page: the organisation, its staff (listed ones, or all for those who manage it) and what the viewer may do. */
export async function getProfile(hub: OrganisationsHub, actor: Actor | null, slug: string) {
  const org = await repo.findOrganisationBySlug(hub.db, slug);
  const membership = await membershipOf(hub.db, actor, org?.id);
  authorizeOrganisation(actor, 'view', org, membership);
  const manages = canOrganisation(actor, 'manageStaff', org, membership);
  const staff = await repo.listMembers(hub.db, org.id, { listedOnly: !manages });
  const profileVisible = await visibleProfiles(
    hub.db,
    actor,
    staff.map((s) => s.user.id),
    !!membership && org.status === 'approved'
  );
  const pendingRequest = actor && !membership ? await repo.findPendingJoinRequest(hub.db, org.id, actor.id) : undefined;
  return {
    org,
    staff,
    profileVisible,
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

/** One size of the logo, to whoever may see the organisation; only a member's may be cached publicly. */
export async function getLogo(hub: OrganisationsHub, actor: Actor | null, slug: string, size: LogoSize = DEFAULT_LOGO_SIZE) {
  const org = await repo.findOrganisationBySlug(hub.db, slug);
  authorizeOrganisation(actor, 'view', org, await membershipOf(hub.db, actor, org?.id));
  const bytes = org.logoKey ? await readLogo(hub.files, org.logoKey, size) : undefined;
  if (!bytes) throw notFound('This organisation has no logo.');
  return { bytes, mime: LOGO_MIME, public: org.status === 'approved' };
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

/** A hit carries the card's fields only: the card read back from it needs nothing else. */
const retrieved = cardKeys;
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
      // Every facet, so the chart can count the results under all filters (membersByCountry);
      // an active facet's own counts come from its query below, without its filter.
      facets: facetNames.map((f) => facetAttribute[f]),
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
    ({ results } = await hub.search.client.multiSearch<{ queries: typeof queries }, OrganisationDocument>({ queries }));
  } catch (err) {
    // Nothing approved has been indexed yet: an empty directory, not an outage.
    if (meilisearchErrorCode(err) === 'index_not_found') return emptyDirectory(page, pageSize, sort);
    hub.log?.error({ err }, 'directory search failed');
    throw new AppError(503, 'search_unavailable', 'The directory search is not available right now. Try again in a moment.');
  }
  const [main, ...facetResults] = results;
  const membersByCountry = main.facetDistribution?.countries ?? {};
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
    membersByCountry,
    processingTimeMs: results.reduce((sum, r) => sum + r.processingTimeMs, 0)
  };
}

function emptyDirectory(page: number, pageSize: number, sort: OrganisationSort): DirectoryResult {
  return { items: [], total: 0, page, pageSize, totalPages: 0, sort, facets: { country: {}, type: {}, theme: {} }, membersByCountry: {}, processingTimeMs: 0 };
}

/** Who may follow `organisation:<id>`: whoever may see the organisation. */
export async function canFollow(hub: OrganisationsHub, actor: Actor | null, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return false;
  const org = await repo.findOrganisationById(hub.db, id);
  return !!org && canOrganisation(actor, 'view', org, await membershipOf(hub.db, actor, org.id));
}
