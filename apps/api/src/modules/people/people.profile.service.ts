import type { Tx } from '@mutirao/db';
import type { ProfileSection } from '@mutirao/shared';
import type { PersonPhotoSize } from '@mutirao/shared/people';
import type { ProfileUpdateInput } from '@mutirao/shared/schemas/people';
import { requireActor, type Actor } from '../../auth/can';
import type { Hub } from '../../hub';
import { badRequest, notFound, type FieldError } from '../../http/errors';
import { renderMarkdown } from '../../infra/markdown';
import type { HubModule } from '../../module';
import { normaliseLinkedin, normaliseOrcid, normaliseWebsite, type LinkResult } from './people.links';
import { DEFAULT_PHOTO_SIZE, deletePhoto, processPhoto, readPhoto, storePhoto } from './people.photo';
import { authorizeViewPerson } from './people.policy';
import * as repo from './people.repo';
import { PEOPLE_INDEX } from './people.search';

/** What the people services need; the demo seed has no mailer, job queue or request log. */
export type PeopleHub = Pick<Hub, 'db' | 'search' | 'files'> & Partial<Pick<Hub, 'log'>>;

const facts = (row: repo.PersonRow) => ({ id: row.id, emailVerifiedAt: row.emailVerifiedAt, visibility: row.profile?.visibility ?? 'members' });

/** Loads a person and checks the viewer may see them: 404 otherwise, as for an id nobody has. */
async function visiblePerson(db: Tx, viewer: Actor | null, id: string): Promise<repo.PersonRow> {
  const row = await repo.findPerson(db, id);
  await authorizeViewPerson(viewer, row && facts(row), () => repo.shareAnOrganisation(db, id, viewer!.id));
  return row!;
}

/**
 * A profile as `viewer` may see it, with every domain's profile sections. Sections
 * are asked for only once the profile's own rule has let the viewer in, and each
 * domain applies its own rules to what it lists.
 */
export async function getProfile(hub: Hub, modules: readonly HubModule[], viewer: Actor | null, id: string) {
  const row = await visiblePerson(hub.db, viewer, id);
  const memberships = await repo.membershipsOf(hub.db, [row.id]);
  const sections: ProfileSection[] = [];
  for (const module of modules) {
    if (module.profileSections) sections.push(...(await module.profileSections(hub, viewer, row.id)));
  }
  return { row, memberships, sections, isSelf: viewer?.id === row.id };
}

/** The viewer's own profile, for the edit form. */
export async function getMine(hub: PeopleHub, actor: Actor | null) {
  requireActor(actor);
  const row = await repo.findPerson(hub.db, actor.id);
  if (!row) throw notFound();
  return { row, memberships: await repo.membershipsOf(hub.db, [row.id]) };
}

export async function getPhoto(hub: PeopleHub, viewer: Actor | null, id: string, size: PersonPhotoSize = DEFAULT_PHOTO_SIZE) {
  const row = await visiblePerson(hub.db, viewer, id);
  const key = row.profile?.photoKey;
  const bytes = key ? await readPhoto(hub.files, key, size) : undefined;
  if (!bytes) throw notFound('No photo.');
  // A versioned URL of a profile everyone sees may sit in shared caches; others only privately.
  return { bytes, public: row.profile?.visibility === 'everyone' && !!row.emailVerifiedAt };
}

function checked(results: LinkResult[]): { values: (string | null)[]; errors: FieldError[] } {
  const errors = results.flatMap((r) => (r.ok ? [] : [{ ...r.error, field: `body.${r.error.field}` }]));
  return { values: results.map((r) => (r.ok ? r.value : null)), errors };
}

const blankToNull = (text: string | null | undefined) => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
};

/** Saves what the person changed; links are normalised or refused (400 naming each failing field), and nothing is written then. */
export async function updateMine(hub: PeopleHub, actor: Actor | null, input: ProfileUpdateInput) {
  requireActor(actor);
  const changes: repo.ProfileChanges = {};
  const links: Array<[keyof repo.ProfileChanges, LinkResult]> = [];
  if (input.website !== undefined) links.push(['website', normaliseWebsite(input.website)]);
  if (input.linkedin !== undefined) links.push(['linkedin', normaliseLinkedin(input.linkedin)]);
  if (input.orcid !== undefined) links.push(['orcid', normaliseOrcid(input.orcid)]);
  const { values, errors } = checked(links.map(([, result]) => result));
  const name = input.name?.trim();
  if (input.name !== undefined && !name) errors.push({ field: 'body.name', code: 'required', message: 'needs more than spaces' });
  if (errors.length > 0) throw badRequest('validation_failed', 'Some fields are missing or invalid.', errors);
  links.forEach(([field], i) => ((changes as Record<string, unknown>)[field] = values[i]));

  if (input.headline !== undefined) changes.headline = blankToNull(input.headline);
  if (input.bio !== undefined) {
    const source = blankToNull(input.bio);
    // No imagePrefix: a bio has no uploads of its own, so any image becomes its alternative text.
    const rendered = source ? renderMarkdown(source) : null;
    changes.bioSource = source;
    changes.bioHtml = rendered?.html || null;
    changes.bioText = rendered?.text || null;
  }
  if (input.countries !== undefined) changes.countries = input.countries;
  if (input.languages !== undefined) changes.languages = input.languages;
  if (input.themes !== undefined) changes.themes = input.themes;
  if (input.visibility !== undefined) changes.visibility = input.visibility;

  await hub.db.transaction(async (tx) => {
    if (name) await repo.renamePerson(tx, actor.id, name);
    await repo.saveProfile(tx, actor.id, changes);
    await hub.search.enqueue(tx, PEOPLE_INDEX, actor.id, 'upsert');
  });
  return getMine(hub, actor);
}

/** A new photo: every size is stored first, then the row points at it, then the old files go. */
export async function setPhoto(hub: PeopleHub, actor: Actor | null, bytes: Buffer) {
  requireActor(actor);
  const key = await storePhoto(hub.files, actor.id, await processPhoto(bytes));
  let previous: string | null = null;
  try {
    await hub.db.transaction(async (tx) => {
      previous = (await repo.findPerson(tx, actor.id))?.profile?.photoKey ?? null;
      await repo.saveProfile(tx, actor.id, { photoKey: key });
      await hub.search.enqueue(tx, PEOPLE_INDEX, actor.id, 'upsert');
    });
  } catch (err) {
    await deletePhoto(hub.files, key);
    throw err;
  }
  await deletePhoto(hub.files, previous);
  return getMine(hub, actor);
}

export async function removePhoto(hub: PeopleHub, actor: Actor | null) {
  requireActor(actor);
  let previous: string | null = null;
  await hub.db.transaction(async (tx) => {
    previous = (await repo.findPerson(tx, actor.id))?.profile?.photoKey ?? null;
    if (!previous) return;
    await repo.saveProfile(tx, actor.id, { photoKey: null });
    await hub.search.enqueue(tx, PEOPLE_INDEX, actor.id, 'upsert');
  });
  await deletePhoto(hub.files, previous);
  return getMine(hub, actor);
}

