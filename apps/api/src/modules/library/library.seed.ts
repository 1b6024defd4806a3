import { demoResources } from '@mutirao/db/seed/library';
import { minimalPdf } from '@mutirao/db/seed/pdf';
import type { ResourceCreateInput } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import type { DemoPeople, SeedHub } from '../../module';
import type { LibraryHub } from './library.changes';
import { createResource, submitResource, uploadFile } from './library.contributions.service';
import { extractFile } from './library.jobs';
import * as repo from './library.repo';
import { decide } from './library.review.service';
import { RESOURCES_INDEX } from './library.search';

const DAY = 24 * 60 * 60 * 1000;
const COORDINATOR = 'coordinator@demo.mutirao.org';

/**
 * The demo library goes through the same services as real contributions (create,
 * upload, submit, review). Text and covers are extracted here, in the seed, rather
 * than by jobs, so the demo is searchable the moment the hub starts.
 */
export async function seedDemoLibrary(hub: SeedHub, people: DemoPeople): Promise<void> {
  const actor = (email: string, role: Actor['role'] = 'member'): Actor => {
    const person = people.get(email);
    if (!person) throw new Error(`demo library: no demo person ${email}`);
    return { id: person.id, role, emailVerified: true };
  };
  const coordinator = actor(COORDINATOR, 'coordinator');
  // No job queue: the seed extracts each file itself, once.
  const seedHub: LibraryHub = { ...hub, jobs: undefined };
  const now = Date.now();
  for (const [i, demo] of demoResources.entries()) {
    const submitter = actor(demo.submitter);
    const input: ResourceCreateInput = {
      title: demo.title,
      summary: demo.summary,
      type: demo.type,
      themes: demo.themes as ResourceCreateInput['themes'],
      countries: demo.countries as ResourceCreateInput['countries'],
      regional: demo.regional,
      languages: [demo.language],
      year: demo.year,
      authors: demo.authors,
      publisherName: demo.publisherName,
      licence: demo.licence
    };
    const { resource } = await createResource(seedHub, submitter, input);
    const pdf = minimalPdf(demo.title, [demo.summary.replace(/\*/g, ''), ...demo.body]);
    const { file } = await uploadFile(seedHub, submitter, resource.id, { filename: `${resource.slug}.pdf`, bytes: pdf });
    await extractFile(seedHub, { fileId: file.id });
    if (demo.status !== 'draft') await submitResource(seedHub, submitter, resource.id);
    if (demo.status === 'published') await decide(seedHub, coordinator, resource.id, 'publish');
    if (demo.status === 'changes_requested') {
      await decide(seedHub, coordinator, resource.id, 'request_changes', 'Añade el año exacto de publicación y la licencia del documento original.');
    }
    // Spread over the last months, the first in the list the oldest.
    const at = new Date(now - (demoResources.length - i) * 3 * DAY);
    await hub.db.transaction(async (tx) => {
      await repo.updateResource(tx, resource.id, {
        createdAt: at,
        submittedAt: demo.status === 'draft' ? null : at,
        ...(demo.status === 'published' && { publishedAt: at })
      });
      if (demo.status === 'published') await hub.search.enqueue(tx, RESOURCES_INDEX, resource.id, 'upsert');
    });
  }
}
