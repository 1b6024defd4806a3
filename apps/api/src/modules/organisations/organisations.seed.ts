import { demoOrganisations } from '@mutirao/db/seed/organisations';
import type { OrganisationApplyInput } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import type { DemoPeople, SeedHub } from '../../module';
import * as repo from './organisations.repo';
import { ORGANISATIONS_INDEX } from './organisations.search';
import { apply } from './organisations.applications.service';
import { decide } from './organisations.review.service';
import { decideJoinRequest, requestToJoin, updateMember } from './organisations.staff.service';

const DAY = 24 * 60 * 60 * 1000;
const COORDINATOR = 'coordinator@demo.mutirao.org';

/**
 * The demo organisations go through the same services as real ones (apply,
 * review, join requests), so they obey every rule and leave an audit trail.
 * Only the dates are moved back afterwards, so "newest" and the review queue
 * have a history to show.
 */
export async function seedDemoOrganisations(hub: SeedHub, people: DemoPeople): Promise<void> {
  const actor = (email: string, role: Actor['role'] = 'member'): Actor => {
    const person = people.get(email);
    if (!person) throw new Error(`demo organisations: no demo person ${email}`);
    return { id: person.id, role, emailVerified: true };
  };
  const coordinator = actor(COORDINATOR, 'coordinator');
  const now = Date.now();

  for (const [i, demo] of demoOrganisations.entries()) {
    const applicant = actor(demo.applicant);
    const input: OrganisationApplyInput = {
      name: demo.name,
      type: demo.type,
      countries: demo.countries as OrganisationApplyInput['countries'],
      hqCity: demo.hqCity,
      hqCountry: demo.hqCountry as OrganisationApplyInput['hqCountry'],
      website: `https://www.${demo.domain}.org`,
      contactEmail: `${demo.descriptionLocale === 'en' ? 'info' : demo.descriptionLocale === 'pt' ? 'contato' : 'contacto'}@${demo.domain}.org`,
      description: demo.description,
      descriptionLocale: demo.descriptionLocale,
      themes: demo.themes as OrganisationApplyInput['themes'],
      foundedYear: demo.foundedYear
    };
    const org = await apply(hub, applicant, input);
    if (demo.status === 'rejected') {
      await decide(hub, coordinator, org.id, 'reject', demo.reason);
    } else if (demo.status !== 'pending') {
      await decide(hub, coordinator, org.id, 'approve');
      for (const person of demo.staff ?? []) {
        const joiner = actor(person.email);
        const request = await requestToJoin(hub, joiner, org.id, person.message ?? '');
        await decideJoinRequest(hub, applicant, org.id, request.id, 'approve');
        if (person.role === 'admin') await updateMember(hub, applicant, org.id, joiner.id, { role: 'admin' });
        if (person.listed === false) await updateMember(hub, joiner, org.id, joiner.id, { listed: false });
      }
      if (demo.status === 'suspended') await decide(hub, coordinator, org.id, 'suspend', demo.reason);
    }
    // Spread over the last two years, the first in the list the oldest member; pending ones wait days, oldest first.
    const approvedAt = new Date(now - (demoOrganisations.length - i) * 23 * DAY);
    const listed = demo.status === 'approved' || demo.status === 'suspended';
    await hub.db.transaction(async (tx) => {
      await repo.updateOrganisation(tx, org.id, {
        createdAt: demo.status === 'pending' ? new Date(now - (demoOrganisations.length - i) * DAY) : new Date(approvedAt.getTime() - 9 * DAY),
        ...(listed && { approvedAt })
      });
      if (listed) await hub.search.enqueue(tx, ORGANISATIONS_INDEX, org.id, 'upsert');
    });
  }
}
