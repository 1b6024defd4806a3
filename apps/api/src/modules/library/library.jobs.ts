// The extraction job: a file's text for search, and the resource's cover.
import type { RuntimeHub } from '../../module';
import { afterChange, type LibraryHub } from './library.changes';
import { coverKeyFor, extractText, extractsText, makeCover, type ExtractPayload } from './library.extract';
import * as repo from './library.repo';
import { RESOURCES_INDEX } from './library.search';

const shortError = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Reads one file: its text (PDF, DOCX) and, when the resource has no cover yet, a
 * cover from it. A file that cannot be parsed is marked `failed` and the error is
 * thrown, so the job is kept as failed for admins; the cover is a bonus, and a file
 * that cannot be drawn only leaves the type's icon.
 */
export async function extractFile(hub: LibraryHub | RuntimeHub, payload: ExtractPayload): Promise<void> {
  const file = await repo.findFileById(hub.db, payload.fileId);
  if (!file) return; // deleted meanwhile
  const bytes = await hub.files.get(file.storageKey);
  if (!bytes) return;

  let failure: unknown;
  if (extractsText(file.kind)) {
    try {
      const text = await extractText(file.kind, bytes);
      await recordAndReindex(hub, file.id, { extraction: 'done', text });
    } catch (err) {
      failure = err;
      await recordAndReindex(hub, file.id, { extraction: 'failed', error: shortError(err) });
    }
  }

  const resource = await repo.findResourceById(hub.db, file.resourceId);
  if (!failure && resource && !resource.coverKey) {
    try {
      const cover = await makeCover(file.kind, bytes);
      if (cover) {
        const key = coverKeyFor(resource.id);
        await hub.files.put(key, cover);
        const kept = await hub.db.transaction(async (tx) => {
          const current = await repo.findResourceById(tx, resource.id, { lock: true });
          if (!current || current.coverKey) return false;
          const row = await repo.updateResource(tx, current.id, { coverKey: key });
          await afterChange(hub, tx, row);
          return true;
        });
        if (!kept) await hub.files.delete(key);
      }
    } catch (err) {
      ('log' in hub ? hub.log : undefined)?.warn({ err, fileId: file.id }, 'no cover from this file');
    }
  }
  if (failure) throw failure;
}

async function recordAndReindex(hub: Pick<LibraryHub, 'db' | 'search' | 'live'>, fileId: string, result: Parameters<typeof repo.recordExtraction>[2]) {
  await hub.db.transaction(async (tx) => {
    const file = await repo.recordExtraction(tx, fileId, result);
    const resource = file && (await repo.findResourceById(tx, file.resourceId));
    if (resource?.status === 'published') await hub.search.enqueue(tx, RESOURCES_INDEX, resource.id, 'upsert');
  });
}
