// The coordinators' editorial review: the queue, publishing, asking for changes, rejecting.
import type { ResourceStatus, ResourceView } from '@mutirao/shared';
import { authorize, type Actor } from '../../auth/can';
import { AppError } from '../../http/errors';
import { queueMail } from '../../jobs/mail.job';
import { notify, wantsMail } from '../notifications/notifications.service';
import { unsubscribable } from '../notifications/unsubscribe';
import { afterChange, viewOf, type LibraryHub } from './library.changes';
import { decisionMail } from './library.mail';
import { toResourceCard } from './library.mapper';
import { authorizeResource } from './library.policy';
import * as repo from './library.repo';

export type Decision = 'publish' | 'request_changes' | 'reject';

/** Which statuses each decision may start from. */
const from: Record<Decision, readonly ResourceStatus[]> = {
  // A coordinator's own draft (or any draft) may be published directly.
  publish: ['draft', 'pending', 'changes_requested'],
  // A published resource can be taken down again with a note.
  request_changes: ['pending', 'published'],
  reject: ['pending', 'published', 'changes_requested', 'draft']
};
const mailKind = { publish: 'published', request_changes: 'changes_requested', reject: 'rejected' } as const;
const to: Record<Decision, ResourceStatus> = { publish: 'published', request_changes: 'changes_requested', reject: 'rejected' };

export async function decide(hub: LibraryHub, actor: Actor | null, id: string, decision: Decision, note?: string): Promise<ResourceView> {
  return hub.db.transaction(async (tx) => {
    const current = await repo.findResourceById(tx, id, { lock: true });
    authorizeResource(actor, 'review', current);
    if (!from[decision].includes(current.status)) {
      throw new AppError(409, 'invalid_resource_status', `A resource that is ${current.status.replace('_', ' ')} cannot be given this decision.`);
    }
    const now = new Date();
    const row = await repo.updateResource(tx, id, {
      status: to[decision],
      reviewNote: decision === 'publish' ? null : note!.trim(),
      reviewedBy: actor!.id,
      reviewedAt: now,
      ...(decision === 'publish' && { publishedAt: current.publishedAt ?? now, submittedAt: current.submittedAt ?? now })
    });
    await afterChange(hub, tx, row, current.status);
    // The submitter hears of the decision, unless they took it themselves.
    if (row.submitterId && row.submitterId !== actor!.id) {
      const about = { resourceId: row.id, slug: row.slug, name: row.title };
      const kind = mailKind[decision];
      if (kind === 'published') await notify(hub, tx, row.submitterId, 'resource.published', about);
      else await notify(hub, tx, row.submitterId, `resource.${kind}`, { ...about, reason: row.reviewNote! });
      // And by mail, through the queue so a slow mail server never holds the decision up.
      const person = await repo.findPerson(tx, row.submitterId);
      if (person && hub.jobs && (await wantsMail(tx, person.id, `resource.${kind}`))) {
        const link = `${hub.config.publicOrigin}/library/${row.slug}${kind === 'changes_requested' ? '/edit' : ''}`;
        await queueMail(
          { jobs: hub.jobs },
          tx,
          await unsubscribable(hub, tx, person.id, `resource.${kind}`, decisionMail(kind, person, { title: row.title, reason: row.reviewNote ?? '', link }))
        );
      }
    }
    return viewOf(tx, actor, row);
  });
}

/** Submitted resources, oldest first. */
export async function reviewQueue(hub: LibraryHub, actor: Actor | null, page: number) {
  authorize(actor, 'hub.moderate');
  const pageSize = 20;
  const { items, total } = await repo.listByStatus(hub.db, 'pending', page, pageSize);
  return { items: await cards(hub, items, true), total, page, pageSize };
}

/** Cards for a list, with each publisher's name. */
export async function cards(hub: LibraryHub, rows: repo.ResourceRow[], withNote: boolean) {
  const orgIds = [...new Set(rows.map((r) => r.publisherOrganisationId).filter((x): x is string => !!x))];
  const orgs = new Map((await repo.organisationsByIds(hub.db, orgIds)).map((o) => [o.id, o.name]));
  return rows.map((row) =>
    toResourceCard(row, (row.publisherOrganisationId && orgs.get(row.publisherOrganisationId)) || row.publisherName || null, { withNote })
  );
}
