import { demoProfiles } from '@mutirao/db/seed/people';
import type { ProfileUpdateInput } from '@mutirao/shared/schemas/people';
import type { Actor } from '../../auth/can';
import type { DemoPeople, SeedHub } from '../../module';
import { decideJoinRequest, requestToJoin, updateMember } from '../organisations/organisations.staff.service';
import { setPhoto, updateMine } from './people.profile.service';
import * as repo from './people.repo';

/**
 * A generated portrait: a head and shoulders over a coloured ground, with a shape
 * behind, all varied by the person's place in the list. Drawn as SVG and sent
 * through the same photo pipeline as an upload (rasterised to WebP), so nothing is
 * fetched and the demo looks like people rather than a wall of initials.
 */
export function demoAvatarSvg(i: number): string {
  const hue = (i * 47) % 360;
  const skin = ['#8d5524', '#c68642', '#e0ac69', '#f1c27d', '#5c3a21', '#a86b3c'][i % 6];
  const hair = ['#1b1b1b', '#3b2414', '#6b4226', '#2e2e2e', '#8a8a8a', '#4a2c1a'][(i * 5) % 6];
  const shirt = `hsl(${(hue + 180) % 360} 45% 38%)`;
  const decoration = [
    `<circle cx="${40 + ((i * 13) % 50)}" cy="${30 + ((i * 7) % 30)}" r="34" fill="hsl(${hue} 60% 78%)"/>`,
    `<rect x="-20" y="${20 + ((i * 11) % 40)}" width="200" height="36" transform="rotate(${(i * 17) % 90 - 45} 80 80)" fill="hsl(${hue} 55% 80%)"/>`,
    `<polygon points="0,160 160,${40 + ((i * 9) % 60)} 160,160" fill="hsl(${hue} 50% 74%)"/>`
  ][i % 3];
  const longHair = i % 2 === 0 ? `<ellipse cx="80" cy="72" rx="33" ry="40" fill="${hair}"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 160 160">
<rect width="160" height="160" fill="hsl(${hue} 55% 86%)"/>${decoration}${longHair}
<path d="M28 160 C30 122 52 110 80 110 C108 110 130 122 132 160 Z" fill="${shirt}"/>
<rect x="71" y="92" width="18" height="22" rx="6" fill="${skin}"/>
<ellipse cx="80" cy="70" rx="26" ry="30" fill="${skin}"/>
<path d="M54 66 C54 40 106 40 106 66 C98 52 64 52 54 66 Z" fill="${hair}"/>
</svg>`;
}

/**
 * Every demo person gets the profile written for them, through the same service a
 * person uses (links checked, Markdown rendered, the directory told). Some join a
 * demo organisation through its own join-request rules; some keep their profile to
 * their organisations.
 */
export async function seedDemoPeople(hub: SeedHub, people: DemoPeople): Promise<void> {
  const actorOf = (id: string): Actor => ({ id, role: 'member', emailVerified: true });
  let i = 0;
  for (const [email, demo] of Object.entries(demoProfiles)) {
    const person = people.get(email);
    if (!person) continue;
    const actor = actorOf(person.id);
    const input: ProfileUpdateInput = {
      headline: demo.headline,
      bio: demo.bio,
      countries: demo.countries as ProfileUpdateInput['countries'],
      languages: demo.languages as ProfileUpdateInput['languages'],
      themes: demo.themes as ProfileUpdateInput['themes'],
      visibility: demo.visibility,
      ...(demo.website && { website: demo.website }),
      ...(demo.orcid && { orcid: demo.orcid })
    };
    await updateMine(hub, actor, input);
    if (demo.photo) await setPhoto(hub, actor, Buffer.from(demoAvatarSvg(i)));
    if (demo.joins) {
      const org = await repo.approvedOrganisationWithAdmin(hub.db, demo.joins.organisation);
      if (!org) throw new Error(`demo people: no approved demo organisation ${demo.joins.organisation}`);
      const request = await requestToJoin(hub, actor, org.id, '');
      await decideJoinRequest(hub, actorOf(org.adminId), org.id, request.id, 'approve');
      if (demo.joins.listed === false) await updateMember(hub, actor, org.id, actor.id, { listed: false });
    }
    i += 1;
  }
}
