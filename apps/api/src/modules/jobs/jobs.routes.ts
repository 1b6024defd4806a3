import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FailedJobListSchema, FailedJobsQuery, IdParams, ProblemSchema, RetriedJobSchema } from '@mutirao/shared';
import type { Hub } from '../../hub';
import * as jobs from './jobs.service';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const jobsRoutes: FastifyPluginAsyncTypebox<{ hub: Hub }> = async (app, { hub }) => {
  app.get(
    '/admin/jobs',
    {
      schema: {
        tags: ['admin'],
        summary: 'Jobs that failed after all their retries, the latest failure first (admins)',
        querystring: FailedJobsQuery,
        response: { 200: FailedJobListSchema, ...problems }
      }
    },
    async (request) => jobs.listFailedJobs(hub, request.actor, request.query.page ?? 1)
  );

  app.post(
    '/admin/jobs/:id/retry',
    {
      schema: {
        tags: ['admin'],
        summary: 'Give a failed job one more attempt (admins)',
        params: IdParams,
        response: { 200: RetriedJobSchema, ...problems }
      }
    },
    async (request) => {
      await jobs.retryFailedJob(hub, request.actor, request.params.id);
      return { id: request.params.id, retried: true as const };
    }
  );
};
