import type { Database, Db } from '@mutirao/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Mailer } from './infra/mail';
import type { LiveHub } from './infra/live';
import type { SearchService } from './infra/search';

/**
 * What every service needs from the running hub. Built once in app.ts and
 * passed to services explicitly, so a test can build one around its own database.
 */
export interface Hub {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  live: LiveHub;
  search: SearchService;
  log: FastifyBaseLogger;
}
