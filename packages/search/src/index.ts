export { escapeFilterValue, filterAll, filterEquals, filterIn, type FilterScalar } from './filters';
export { defineIndex, indexUid, type IndexDefinition, type SearchDocument } from './indexes';
export {
  freeLoopbackPort,
  loadOrCreateMasterKey,
  resolveMeilisearchBinary,
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearch,
  type EmbeddedMeilisearchOptions
} from './embedded';
export {
  createSearchEngine,
  type DrainResult,
  type ReindexResult,
  type SearchEngine,
  type SearchEngineOptions
} from './engine';
export { LEASE_SECONDS, MAX_BACKOFF_SECONDS, SEARCH_CHANNEL, type OutboxOp } from './outbox.repo';
export type { SearchLog } from './log';
export { keepAliveHttpClient, meilisearchErrorCode } from './http-client';
export { Meilisearch } from 'meilisearch';
export type { Settings as IndexSettings } from 'meilisearch';
