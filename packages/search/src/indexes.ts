import type { Tx } from '@mutirao/db';
import type { Settings } from 'meilisearch';

export type SearchDocument = Record<string, unknown>;

/**
 * One searchable kind of record: how its Meilisearch index is configured and
 * how Postgres rows become documents. Domains define these next to their repo
 * (e.g. `organisations.search.ts`) and register them with the search service.
 */
export interface IndexDefinition<D extends SearchDocument = SearchDocument> {
  /** The logical name (`organisations`); the Meilisearch uid adds the service's prefix. */
  name: string;
  /** The document attribute holding the record id; its value equals the outbox row's document_id. */
  primaryKey: string & keyof D;
  /** searchable/filterable/sortable attributes, typo tolerance, ranking rules… applied at start. */
  settings: Settings;
  /**
   * The documents that should be in the index now, for these ids. An id with no
   * document returned (deleted, unpublished, hidden) is removed from the index:
   * the loader, not the outbox row's `op`, decides.
   */
  load(db: Tx, ids: string[]): Promise<D[]>;
  /**
   * Ids of every record that belongs in the index, in ascending order, after
   * `after` (null for the first page). Used by reindex to walk the table in pages.
   */
  listIds(db: Tx, page: { after: string | null; limit: number }): Promise<string[]>;
}

/** Checks a definition once, where it is written, and keeps its document type. */
export function defineIndex<D extends SearchDocument>(definition: IndexDefinition<D>): IndexDefinition<D> {
  if (!/^[a-z][a-z0-9_]*$/.test(definition.name)) {
    throw new Error(`index name must be lower-case letters, digits and _: ${JSON.stringify(definition.name)}`);
  }
  if (!definition.primaryKey) throw new Error(`index ${definition.name} needs a primaryKey`);
  return definition;
}

/** Meilisearch index uids allow letters, digits, - and _ only. */
export function indexUid(prefix: string, name: string): string {
  const uid = `${prefix}${name}`;
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(uid)) throw new Error(`invalid Meilisearch index uid: ${JSON.stringify(uid)}`);
  return uid;
}
