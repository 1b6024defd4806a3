import type { FastifyPluginAsync } from 'fastify';
import { api } from '@mutirao/shared';
import type { Hub } from '../hub';
import { route } from '../http/route';

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    const result = await Promise.race([probe(), timeout]);
    return result === false ? 'down' : 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /api/health. `probe=ready` (the default): 200 while the database answers (`up`,
 * or `degraded` when search or mail does not), 503 when it does not; a load balancer
 * keeps sending people to a degraded hub, which still serves pages and takes writes.
 * `probe=live`: 200 while the process serves requests.
 */
export const healthRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  route(app, api.health, async (request, reply) => {
    if (request.query.probe === 'live') return reply.code(200).header('cache-control', 'no-store').send({ status: 'up' });
    const [database, search, mail] = await Promise.all([
      check(() => hub.database.ping()),
      check(() => hub.search.ping()),
      check(() => hub.mailer.ping())
    ]);
    const status = database === 'down' ? 'down' : search === 'up' && mail === 'up' ? 'up' : 'degraded';
    return reply.code(status === 'down' ? 503 : 200).header('cache-control', 'no-store').send({ status, database, search, mail });
  });
};
