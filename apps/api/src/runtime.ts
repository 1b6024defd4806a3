import { createDatabase } from '@mutirao/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Hub } from './hub';
import { createJobRunner } from './jobs/runner';
import { registerJobHandlers } from './job-handlers';
import { createMailer } from './plugins/mail';
import { createLiveHub } from './plugins/live.hub';
import { createSearchService } from './plugins/search.service';
import { registerSearchIndexes } from './search-indexes';
import { createLocalFileStore } from './storage/file-store';

export type Runtime = Omit<Hub, 'log'> & { close(): Promise<void> };

/**
 * Opens everything the hub runs on (database, search, mail, live hub, job queue), each on
 * its configured service or its embedded default, and migrates the database.
 */
export async function startRuntime(config: Config, log: FastifyBaseLogger): Promise<Runtime> {
  const database = await createDatabase({
    url: config.database.url,
    pgliteDir: config.database.pgliteDir,
    poolSize: config.database.poolSize
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
    const files = createLocalFileStore(config.uploadsDir);
    const jobs = createJobRunner({ database, log });
    closers.unshift(() => jobs.close());
    registerSearchIndexes({ search });
    registerJobHandlers(jobs, { config, database, db: database.db, mailer, search, live, jobs, files, log });
    await live.start();
    await search.start();
    await jobs.start();
    return {
      config,
      database,
      db: database.db,
      mailer,
      search,
      live,
      jobs,
      files,
      async close() {
        for (const close of closers) await close().catch((err) => log.error({ err }, 'error while closing'));
      }
    };
  } catch (err) {
    for (const close of closers) await close().catch(() => {});
    throw err;
  }
}
