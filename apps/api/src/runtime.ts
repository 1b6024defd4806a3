import { createDatabase } from '@mutirao/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Hub } from './hub';
import { createMailer } from './plugins/mail';
import { createLiveHub } from './plugins/live.hub';
import { createSearchService } from './plugins/search.service';
import { registerSearchIndexes } from './search-indexes';

export type Runtime = Omit<Hub, 'log'> & { close(): Promise<void> };

/**
 * Opens everything the hub runs on (database, search, mail, live hub), each on
 * its configured service or its embedded default, and migrates the database.
 */
export async function startRuntime(config: Config, log: FastifyBaseLogger): Promise<Runtime> {
  const database = await createDatabase({
    url: config.database.url,
    pgliteDir: config.database.pgliteDir,
    poolSize: config.database.poolSize,
    connectTimeoutMs: config.database.connectTimeoutMs,
    statementTimeoutMs: config.database.statementTimeoutMs
  });
  const closers: Array<() => Promise<void>> = [() => database.close()];
  try {
    await database.migrate();
    const mailer = await createMailer(config.mail);
    closers.unshift(() => mailer.close());
    const search = await createSearchService({ config, database, log });
    closers.unshift(() => search.close());
    const live = createLiveHub({ database, log });
    closers.unshift(() => live.close());
    registerSearchIndexes({ search });
    await live.start();
    await search.start();
    return {
      config,
      database,
      db: database.db,
      mailer,
      search,
      live,
      async close() {
        for (const close of closers) await close().catch((err) => log.error({ err }, 'error while closing'));
      }
    };
  } catch (err) {
    for (const close of closers) await close().catch(() => {});
    throw err;
  }
}
