import { createDatabase, type Database } from '@mutirao/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Hub } from './hub';
import { registerModules } from './module';
import { modules } from './modules/index';
import { createMailer } from './infra/mail';
import { createLiveHub } from './infra/live.hub';
import { createSearchService } from './infra/search.service';
import { handleMail } from './jobs/mail.job';
import { createJobRunner, type JobRunner } from './jobs/runner';
import { createLocalFileStore } from './storage/file-store';

export type Runtime = Omit<Hub, 'log' | 'jobs'> & { jobs: JobRunner; close(): Promise<void> };

export interface RuntimeOptions {
  /**
   * An open, migrated database to run on instead of the configured one (the
   * test harness and benchmarks bring their own). The caller closes it.
   */
  database?: Database;
  /** Prepended to every Meilisearch index uid (each test file and benchmark uses its own). */
  indexPrefix?: string;
  /** false: jobs run only when drained (tests that look at queued jobs; benchmarks that enqueue none). */
  workJobs?: boolean;
}

/**
 * Opens everything the hub runs on (database, search, mail, live hub, job queue), each on
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
      poolSize: config.database.poolSize,
      connectTimeoutMs: config.database.connectTimeoutMs,
      statementTimeoutMs: config.database.statementTimeoutMs
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
    const files = createLocalFileStore(config.uploadsDir);
    const jobs = createJobRunner({ database, log });
    closers.unshift(() => jobs.close());
    const runtime: Runtime = {
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
    // Mail is the hub's own job; every domain attaches its handlers before the runner starts.
    handleMail(jobs, mailer);
    registerModules(runtime, modules, jobs);
    await live.start();
    await search.start();
    await jobs.start({ work: options.workJobs ?? true });
    return runtime;
  } catch (err) {
    for (const close of closers) await close().catch(() => {});
    throw err;
  }
}
