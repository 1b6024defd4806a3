// The library's part in the owner's data rights: what the person submitted and the
// files they uploaded (metadata; the files themselves are downloadable from each
// resource) in the export. On deletion, drafts nobody else ever saw go with their
// files; everything submitted stays (published resources are cited and linked)
// under the former-member account.
import type { Tx } from '@mutirao/db';
import type { Hub } from '../../hub';
import * as repo from './library.personal-data.repo';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function exportLibraryData(hub: Pick<Hub, 'db'>, userId: string) {
  const [submitted, files] = await Promise.all([repo.resourcesSubmittedBy(hub.db, userId), repo.filesUploadedBy(hub.db, userId)]);
  return {
    submissions: submitted.map((r) => ({
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      type: r.type,
      themes: r.themes,
      countries: r.countries,
      languages: r.languages,
      year: r.year,
      authors: r.authors,
      licence: r.licence,
      externalUrl: r.externalUrl,
      status: r.status,
      reviewNote: r.reviewNote,
      createdAt: r.createdAt.toISOString(),
      submittedAt: iso(r.submittedAt),
      publishedAt: iso(r.publishedAt)
    })),
    files: files.map(({ file, resource }) => ({
      resource,
      filename: file.filename,
      mediaType: file.mediaType,
      bytes: file.bytes,
      sha256: file.sha256,
      version: file.version,
      uploadedAt: file.createdAt.toISOString(),
      supersededAt: iso(file.supersededAt)
    }))
  };
}

/**
 * The files go at once, as the profile photo does: blockers were checked before any
 * domain erased anything, so only a database failure could roll the deletion back
 * after this, and a draft nobody can reach loses nothing by it.
 */
export async function eraseLibraryData(hub: Hub, tx: Tx, userId: string): Promise<void> {
  const { ids, keys } = await repo.deleteUnsubmittedDraftsOf(tx, userId);
  for (const id of ids) await hub.live.publish(tx, { topic: `resource:${id}`, type: 'resource.updated', id });
  for (const key of keys) await hub.files.delete(key).catch(() => undefined);
}
