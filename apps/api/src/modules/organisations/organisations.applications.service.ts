// Applying for an organisation, then keeping its profile and logo: what its applicant and admins do.
import type { Tx } from '@mutirao/db';
import type { OrganisationApplyInput, OrganisationUpdateInput } from '@mutirao/shared';
import { requireActor, type Actor } from '../../auth/can';
import { badRequest, conflict, type FieldError } from '../../http/errors';
import { authorized } from './organisations.access';
import { notify } from '../notifications/notifications.service';
import { afterChange, queueNotificationMail, recordAudit, reviewQueueChanged, type OrganisationsHub } from './organisations.changes';
import { organisationMail } from './organisations.mail';
import { LOGO_MIME, deleteLogo, processLogo, storeLogo } from './organisations.logo';
import { APPROVED_NAME_INDEX, firstFreeSlug, organisationNameKey, slugBase } from './organisations.names';
import * as repo from './organisations.repo';

const invalid = (fields: FieldError[]) => badRequest('validation_failed', 'Some fields are missing or invalid.', fields);

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

/**
 * Only a member organisation's name is refused. Pending and suspended ones are hidden,
 * so refusing their names would confirm they exist; a clash with one is accepted and
 * shown to coordinators as a possible duplicate instead (listForReview).
 */
const nameTaken = () =>
  conflict('organisation_name_taken', 'A member organisation already has this name.', [
    { field: 'body.name', code: 'taken', message: 'is already a member organisation’s name (case and accents are ignored)' }
  ]);

/** A member's name taken concurrently, between our check and our write: the database's index says so. */
async function refusingTakenName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (repo.uniqueViolation(err) === APPROVED_NAME_INDEX) throw nameTaken();
    throw err;
  }
}

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

/**
 * Every coordinator and hub admin hears of a new application: in-app and live (on their
 * own topic, and the queue's count on `review:organisations`), and by mail unless they
 * turned that off. All in the application's transaction.
 */
async function tellReviewers(hub: OrganisationsHub, tx: Tx, org: repo.OrganisationRow, applicantId: string) {
  const applicant = await repo.findUserForMail(tx, applicantId);
  const about = { organisationId: org.id, slug: org.slug, name: org.name };
  const link = `${hub.config.publicOrigin}/admin/organisations`;
  for (const reviewer of await repo.reviewers(tx)) {
    if (reviewer.id === applicantId) continue;
    await notify(hub, tx, reviewer.id, 'organisation.applied', { ...about, applicantName: applicant?.name ?? '' });
    await queueNotificationMail(
      hub,
      tx,
      reviewer.id,
      'organisation.applied',
      organisationMail('applied', reviewer, { organisation: org.name, applicant: applicant?.name ?? '', link })
    );
  }
  await reviewQueueChanged(hub, tx, org.id);
}

/** A member applies to register an organisation; it waits, pending, for a coordinator. */
export async function apply(hub: OrganisationsHub, actor: Actor | null, input: OrganisationApplyInput) {
  requireActor(actor);
  const { nameKey } = checkInput(input);
  const values = cleanFields(input);
  return refusingTakenName(() =>
    retryOnSlugClash(() =>
      hub.db.transaction(async (tx) => {
        if (await repo.findApprovedByNameKey(tx, nameKey!)) throw nameTaken();
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
        await recordAudit(tx, row.id, actor, 'organisation.applied', { subject: actor.id });
        await tellReviewers(hub, tx, row, actor.id);
        return row;
      })
    )
  );
}

/**
 * Edits the profile: the applicant while it is pending, its admins once approved,
 * coordinators always. The slug follows the name only until approval.
 */
export async function update(hub: OrganisationsHub, actor: Actor | null, id: string, input: OrganisationUpdateInput) {
  const { nameKey } = checkInput(input);
  const values = cleanFields(input);
  return refusingTakenName(() =>
    retryOnSlugClash(() =>
      hub.db.transaction(async (tx) => {
        const { org } = await authorized(tx, actor, id, 'edit', { lock: true });
        const changes: Partial<repo.NewOrganisation> = { ...values };
        if (nameKey !== undefined && nameKey !== org.nameKey) {
          if (await repo.findApprovedByNameKey(tx, nameKey, org.id)) throw nameTaken();
          changes.nameKey = nameKey;
          if (org.status === 'pending' && org.approvedAt === null) {
            const base = slugBase(values.name!);
            if (base !== org.slug.replace(/-\d+$/, '')) {
              changes.slug = firstFreeSlug(base, (await repo.slugsLike(tx, base)).filter((s) => s !== org.slug));
            }
          }
        }
        const row = await repo.updateOrganisation(tx, org.id, changes);
        await recordAudit(tx, org.id, actor!, 'organisation.updated', { details: { fields: Object.keys(values) } });
        await afterChange(hub, tx, row, 'profile');
        return row;
      })
    )
  );
}

/** Checked before reading an upload, so a refused person cannot make us read 2 MB. */
export async function assertCanEdit(hub: OrganisationsHub, actor: Actor | null, id: string): Promise<void> {
  await authorized(hub.db, actor, id, 'edit', { lock: false });
}

/**
 * Replaces the logo with the image pipeline's re-encoded sizes. The old files
 * go once the change commits; the new ones, if it does not.
 */
export async function setLogo(hub: OrganisationsHub, actor: Actor | null, id: string, bytes: Buffer) {
  requireActor(actor);
  const variants = await processLogo(bytes);
  const key = await storeLogo(hub.files, id, variants);
  let previous: string | null = null;
  try {
    const row = await hub.db.transaction(async (tx) => {
      const { org } = await authorized(tx, actor, id, 'edit', { lock: true });
      previous = org.logoKey;
      const updated = await repo.updateOrganisation(tx, org.id, { logoKey: key, logoMime: LOGO_MIME });
      await recordAudit(tx, org.id, actor, 'logo.updated', { details: { type: LOGO_MIME } });
      await afterChange(hub, tx, updated, 'profile');
      return updated;
    });
    await deleteLogo(hub.files, previous);
    return row;
  } catch (err) {
    await deleteLogo(hub.files, key);
    throw err;
  }
}

export async function removeLogo(hub: OrganisationsHub, actor: Actor | null, id: string) {
  let previous: string | null = null;
  const row = await hub.db.transaction(async (tx) => {
    const { org } = await authorized(tx, actor, id, 'edit', { lock: true });
    previous = org.logoKey;
    const updated = await repo.updateOrganisation(tx, org.id, { logoKey: null, logoMime: null });
    await recordAudit(tx, org.id, actor!, 'logo.removed');
    await afterChange(hub, tx, updated, 'profile');
    return updated;
  });
  await deleteLogo(hub.files, previous);
  return row;
}
