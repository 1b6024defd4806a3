import { IdParams } from '../schemas/common';
import { FailedJobListSchema, FailedJobSchema, FailedJobsQuery, RetriedJobSchema } from '../schemas/jobs';
import { defineContract, defineRoute } from './define';

/** Background work (mail, and later reminders, digests, text extraction) that failed after its retries. */
export const jobsContract = defineContract({
  tags: {},
  problems: {
    job_not_found: { status: 404, description: 'No failed job has this id: it may have been retried already.' }
  },
  routes: {
    listFailedJobs: defineRoute({
      operationId: 'listFailedJobs',
      method: 'GET',
      path: '/admin/jobs',
      tag: 'admin',
      summary: 'Jobs that failed after all their retries, the latest failure first',
      description: 'Never shows a job’s payload: it may hold a single-use link.',
      audience: 'admin',
      query: FailedJobsQuery,
      responses: { 200: FailedJobListSchema },
      problems: []
    }),
    retryFailedJob: defineRoute({
      operationId: 'retryFailedJob',
      method: 'POST',
      path: '/admin/jobs/{id}/retry',
      tag: 'admin',
      summary: 'Give a failed job one more attempt',
      audience: 'admin',
      params: IdParams,
      responses: { 200: RetriedJobSchema },
      problems: ['job_not_found']
    })
  },
  named: { FailedJob: FailedJobSchema }
});
