import type { FastifyPluginAsync } from 'fastify';
import { jobsContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import { route } from '../../http/route';
import * as jobs from './jobs.service';

const contract = jobsContract.routes;

export const jobsRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  route(app, contract.listFailedJobs, async (request) => jobs.listFailedJobs(hub, request.actor, request.query.page ?? 1));

  route(app, contract.retryFailedJob, async (request) => {
    await jobs.retryFailedJob(hub, request.actor, request.params.id);
    return { id: request.params.id, retried: true as const };
  });
};
