import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Hub } from '../hub';

const Status = Type.Union([Type.Literal('up'), Type.Literal('down')]);
const HealthSchema = Type.Object({
  /**
   * `up`: everything answers. `degraded`: the database answers but search or mail
   * does not (pages and writes work; the directory answers 503 and changes wait in
   * the outbox). `down`: the database does not answer.
   */
  status: Type.Union([Type.Literal('up'), Type.Literal('degraded'), Type.Literal('down')]),
  database: Status,
  search: Status,
  mail: Status
});

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
 * GET /api/health: 200 while the database answers (`up`, or `degraded` when search or
 * mail does not), 503 when it does not. A load balancer keeps sending people to a
 * degraded hub, which still serves pages and takes writes.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ hub: Hub }> = async (app, { hub }) => {
  app.get(
    '/health',
    { schema: { tags: ['hub'], response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const [database, search, mail] = await Promise.all([
        check(() => hub.database.ping()),
        check(() => hub.search.ping()),
        check(() => hub.mailer.ping())
      ]);
      const status = database === 'down' ? 'down' : search === 'up' && mail === 'up' ? 'up' : 'degraded';
      return reply.code(status === 'down' ? 503 : 200).header('cache-control', 'no-store').send({ status, database, search, mail });
    }
  );
};
