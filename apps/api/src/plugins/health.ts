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

/** GET /api/health: 200 when the database, search and mail all answer, 503 otherwise. */
export const healthRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  route(app, api.health, async (request, reply) => {
    if (request.query.probe === 'live') return reply.code(200).header('cache-control', 'no-store').send({ status: 'up' });
    const [database, search, mail] = await Promise.all([
      check(() => hub.database.ping()),
      check(() => hub.search.ping()),
      check(() => hub.mailer.ping())
    ]);
    const status = database === 'up' && search === 'up' && mail === 'up' ? 'up' : 'down';
    return reply.code(status === 'up' ? 200 : 503).header('cache-control', 'no-store').send({ status, database, search, mail });
  });
};
