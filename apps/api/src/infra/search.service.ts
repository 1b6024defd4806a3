import { join } from 'node:path';
import type { Database } from '@mutirao/db';
import {
  Meilisearch,
  createSearchEngine,
  keepAliveHttpClient,
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearch,
  type SearchLog
} from '@mutirao/search';
import type { Config } from '../config';
import type { SearchService } from './search';

export interface SearchServiceOptions {
  config: Config;
  database: Database;
  log: SearchLog;
  /** Prepended to every index uid (tests use one per file). */
  indexPrefix?: string;
  /** A Meilisearch to use instead of config.search (tests). */
  meili?: { url: string; masterKey: string };
  /** How often the outbox worker polls when nothing woke it. */
  pollIntervalMs?: number;
}

/** Where the generated master key of the embedded Meilisearch is kept. */
export const embeddedKeyFile = (config: Config) => join(config.dataDir, 'meili-master-key');

/**
 * Search for the hub: MEILI_URL when it is set, otherwise a Meilisearch child
 * process with its data under DATA_DIR. A configured Meilisearch that is down
 * does not stop the hub (health reports it, the outbox keeps every change until
 * it is back); an embedded one that cannot start is fatal, with the reason.
 */
export async function createSearchService(options: SearchServiceOptions): Promise<SearchService> {
  const { config, database, log } = options;
  let embedded: EmbeddedMeilisearch | undefined;
  let target = options.meili ?? (config.search.url ? { url: config.search.url, masterKey: config.search.masterKey ?? '' } : undefined);
  if (!target) {
    embedded = await startEmbeddedMeilisearch({
      dataDir: config.search.dataDir,
      keyFile: embeddedKeyFile(config),
      log
    });
    target = { url: embedded.url, masterKey: embedded.masterKey };
  }
  const client = new Meilisearch({
    host: target.url,
    apiKey: target.masterKey,
    timeout: 10_000,
    httpClient: keepAliveHttpClient(target.url)
  });
  const engine = createSearchEngine({
    client,
    database,
    log,
    indexPrefix: options.indexPrefix,
    pollIntervalMs: options.pollIntervalMs
  });

  return {
    client,
    get rowsSent() {
      return engine.rowsSent;
    },
    indexName: engine.indexName,
    register: engine.register,
    enqueue: engine.enqueue,
    drain: engine.drain,
    reindex: engine.reindex,
    async ping() {
      return client.isHealthy();
    },
    start: engine.start,
    async close() {
      await engine.stop();
      await embedded?.stop();
    }
  };
}
