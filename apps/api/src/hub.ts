import type { Database, Db } from '@mutirao/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { JobQueue } from './jobs/runner';
import type { Mailer } from './infra/mail';
import type { LiveHub } from './infra/live';
import type { SearchService } from './infra/search';
import type { FileStore } from './storage/file-store';

/**
 * What every service needs from the running hub. Built once in app.ts and
 * passed to services explicitly, so a test can build one around its own database.
 */
export interface Hub {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  /** Work done after the request, durably: services enqueue in their transaction. */
  jobs: JobQueue;
  live: LiveHub;
  /** Uploaded files (a folder under UPLOADS_DIR; an S3-compatible store later). */
  files: FileStore;
  search: SearchService;
  log: FastifyBaseLogger;
}
