import type { FailedJobList } from '@mutirao/shared';
import { authorize, type Actor } from '../../auth/can';
import { AppError } from '../../http/errors';
import type { Hub } from '../../hub';

const PAGE_SIZE = 25;

/** Failed jobs, the latest failure first: admins only. */
export async function listFailedJobs(hub: Pick<Hub, 'jobs'>, actor: Actor | null, page: number): Promise<FailedJobList> {
  authorize(actor, 'jobs.manage');
  const { items, total } = await hub.jobs.listFailed({ page, pageSize: PAGE_SIZE });
  return {
    items: items.map((job) => ({ ...job, createdAt: job.createdAt.toISOString(), failedAt: job.failedAt.toISOString() })),
    total,
    page,
    pageSize: PAGE_SIZE
  };
}

/** Gives a failed job one more attempt; 404 when it is not (or no longer) a failed job. */
export async function retryFailedJob(hub: Pick<Hub, 'jobs' | 'log'>, actor: Actor | null, id: string): Promise<void> {
  authorize(actor, 'jobs.manage');
  if (!(await hub.jobs.retry(id))) {
    throw new AppError(404, 'job_not_found', 'No failed job has this id: it may have been retried already.');
  }
  hub.log.info({ job: id, by: actor.id }, 'failed job retried by an admin');
}
