// What the organisations domain puts on a signed-in person's home: what needs them
// (invitations, requests to decide, the review queue) and what is theirs.
import type { HomeSection, SectionItem } from '@mutirao/shared';
import { isStaff, type Actor } from '../../auth/can';
import type { OrganisationsHub } from './organisations.changes';
import * as repo from './organisations.repo';

/** Each section shows the first few; its total and link lead to the rest. */
const FEW = 5;

const profile = (slug: string) => `/organisations/${encodeURIComponent(slug)}`;

function section(key: HomeSection['key'], items: SectionItem[], total: number, href?: string): HomeSection[] {
  return total === 0 ? [] : [{ key, total, ...(href && { href }), items: items.slice(0, FEW) }];
}

/**
 * One indexed query per section, run side by side; a section with nothing in it is
 * left out. Applications and requests to join are shown while they wait; their
 * outcome arrives as a notification.
 */
export async function homeSections(hub: OrganisationsHub, actor: Actor): Promise<HomeSection[]> {
  const email = await repo.emailNormalizedOf(hub.db, actor.id);
  const [invitations, toDecide, applications, memberships, joinRequests, pendingCount, queue] = await Promise.all([
    email ? repo.openInvitationsFor(hub.db, email) : Promise.resolve([]),
    repo.joinRequestsToDecide(hub.db, actor.id, FEW),
    repo.applicationsOf(hub.db, actor.id),
    repo.membershipsOf(hub.db, actor.id),
    repo.joinRequestsOf(hub.db, actor.id),
    isStaff(actor) ? repo.countByStatus(hub.db, 'pending') : Promise.resolve(0),
    isStaff(actor) ? repo.listByStatus(hub.db, 'pending', 1, FEW) : Promise.resolve({ items: [], total: 0 })
  ]);
  const waiting = applications.filter((org) => org.status === 'pending');
  const members = memberships.filter((m) => m.organisation.status === 'approved' || m.organisation.status === 'suspended');
  const asking = joinRequests.filter((r) => r.request.status === 'pending');
  return [
    ...section(
      'invitations',
      invitations.map((i) => ({ title: i.name, href: profile(i.slug), at: i.expiresAt.toISOString() })),
      invitations.length
    ),
    ...section(
      'joinRequestsToDecide',
      toDecide.items.map((r) => ({
        title: r.requester,
        detail: r.organisation.name,
        href: `${profile(r.organisation.slug)}/manage`,
        at: r.createdAt.toISOString()
      })),
      toDecide.total
    ),
    ...section(
      'reviewQueue',
      queue.items.map((row) => ({
        title: row.organisation.name,
        ...(row.applicant && { detail: row.applicant.name }),
        href: '/admin/organisations',
        at: row.organisation.createdAt.toISOString()
      })),
      pendingCount,
      '/admin/organisations'
    ),
    ...section(
      'myApplications',
      waiting.map((org) => ({ title: org.name, href: '/organisations/mine', at: org.createdAt.toISOString() })),
      waiting.length,
      '/organisations/mine'
    ),
    ...section(
      'myJoinRequests',
      asking.map((r) => ({ title: r.organisation.name, href: '/organisations/mine', at: r.request.createdAt.toISOString() })),
      asking.length,
      '/organisations/mine'
    ),
    ...section(
      'myOrganisations',
      members.map((m) => ({ title: m.organisation.name, href: profile(m.organisation.slug) })),
      members.length,
      '/organisations/mine'
    )
  ];
}
