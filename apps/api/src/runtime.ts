import { createDatabase, type Database } from '@mutirao/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Hub } from './hub';
import { registerModules } from './module';
import { modules } from './modules/index';
import { createMailer } from './infra/mail';
import { createLiveHub } from './infra/live.hub';
import { createSearchService } from './infra/search.service';

export type Runtime = Omit<Hub, 'log'> & { close(): Promise<void> };

export interface RuntimeOptions {
  /**
   * An open, migrated database to run on instead of the configured one (the
   * test harness and benchmarks bring their own). The caller closes it.
   */
  database?: Database;
  /** Prepended to every Meilisearch index uid (each test file and benchmark uses its own). */
  indexPrefix?: string;
}

/**
 * Opens everything the hub runs on (database, search, mail, live hub), each on
 * its configured service or its embedded default, and migrates the database.
 * Every registered domain's search indexes and live topics are in place before
 * the live hub and the search worker start.
 */
export async function startRuntime(config: Config, log: FastifyBaseLogger, options: RuntimeOptions = {}): Promise<Runtime> {
  const database =
    options.database ??
    (await createDatabase({
      url: config.database.url,
      pgliteDir: config.database.pgliteDir,
      poolSize: config.database.poolSize
    }));
  const closers: Array<() => Promise<void>> = options.database ? [] : [() => database.close()];
  try {
    if (!options.database) await database.migrate();
    const mailer = await createMailer(config.mail);
    closers.unshift(() => mailer.close());
    const search = await createSearchService({ config, database, log, indexPrefix: options.indexPrefix });
    closers.unshift(() => search.close());
    const live = createLiveHub({ database, log });
    closers.unshift(() => live.close());
    const runtime: Runtime = {
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
    registerModules(runtime, modules);
    await live.start();
    await search.start();
    return runtime;
  } catch (err) {
    for (const close of closers) await close().catch(() => {});
    throw err;
  }
}
