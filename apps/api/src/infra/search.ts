import type { Tx } from '@mutirao/db';
import type { DrainResult, IndexDefinition, Meilisearch, ReindexResult, SearchDocument } from '@mutirao/search';

export interface SearchService {
  /** Adds an outbox row in the caller's transaction; the worker sends it to Meilisearch later. */
  enqueue(tx: Tx, indexName: string, documentId: string, op: 'upsert' | 'delete'): Promise<void>;
  /** True when Meilisearch answers its health check. */
  ping(): Promise<boolean>;
  /**
   * Sends everything due in the outbox now (tests, CLI); with includeBackedOff
   * also the rows waiting out a retry delay.
   */
  drain(options?: { includeBackedOff?: boolean }): Promise<DrainResult>;
  /** Rebuilds one index, or all, from Postgres (`pnpm hub reindex`). */
  reindex(indexName?: string): Promise<ReindexResult[]>;
  start(): Promise<void>;
  close(): Promise<void>;
  /** The Meilisearch client, for searching (always through `indexName` and the filter helpers). */
  readonly client: Meilisearch;
  /** Outbox rows this process has sent to Meilisearch: search results may have changed when it grows. */
  readonly rowsSent: number;
  /** The Meilisearch uid for a logical index name (adds the configured prefix). */
  indexName(name: string): string;
  /** Makes an index known: its settings are applied and the worker sends its outbox rows. */
  register<D extends SearchDocument>(definition: IndexDefinition<D>): void;
}
