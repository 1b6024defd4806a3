// The people domain's part in the owner's data rights: the profile in the export, and
// its erasure when the account is deleted.
import type { Tx } from '@mutirao/db';
import type { Hub } from '../../hub';
import { photoUrlOf } from './people.mapper';
import { deletePhoto } from './people.photo';
import * as repo from './people.personal-data.repo';
import { PEOPLE_INDEX } from './people.search';

export async function exportProfileData(hub: Pick<Hub, 'db'>, userId: string) {
  const p = await repo.profileOf(hub.db, userId);
  if (!p) return { profile: null };
  return {
    profile: {
      headline: p.headline,
      bio: p.bioSource,
      countries: p.countries,
      languages: p.languages,
      themes: p.themes,
      website: p.website,
      linkedin: p.linkedin,
      orcid: p.orcid,
      visibility: p.visibility,
      photo: photoUrlOf(userId, p.photoKey),
      updatedAt: p.updatedAt.toISOString()
    }
  };
}

/**
 * Deletes the profile and takes the person out of the directory. The photo's files go
 * at once: blockers were checked before any domain erases anything, so the deletion
 * rolling back after this point would take a database failure, and a missing photo
 * then shows as initials.
 */
export async function eraseProfile(hub: Hub, tx: Tx, userId: string): Promise<void> {
  const photoKey = await repo.deleteProfile(tx, userId);
  await hub.search.enqueue(tx, PEOPLE_INDEX, userId, 'delete');
  await deletePhoto(hub.files, photoKey);
}
