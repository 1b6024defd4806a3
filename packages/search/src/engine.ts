import { AdvisoryLock, type Database, type Tx } from '@mutirao/db';
import type { EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';
import { meilisearchErrorCode } from './http-client';
import { indexUid, type IndexDefinition, type SearchDocument } from './indexes';
import type { SearchLog } from './log';
import {
  SEARCH_CHANNEL,
  claimDueRows,
  completeRows,
  deferRows,
  enqueueChange,
  type OutboxOp,
  type OutboxRow
} from './outbox.repo';

export interface SearchEngineOptions {
  client: Meilisearch;
  database: Database;
  log: SearchLog;
  /** Prepended to every index uid; tests use one per file so they never share an index. */
  indexPrefix?: string;
  /** Outbox rows sent per round. */
  batchSize?: number;
  /** How often the worker looks for due rows when nothing woke it. */
  pollIntervalMs?: number;
  /** How long to wait for one Meilisearch task (a document batch; settings at start). */
  taskTimeoutMs?: number;
  /**
   * How long the worker waits for an index's settings. Changing settings rebuilds an
   * existing index inside Meilisearch: switching the library's proximity precision
   * took 150-220 s at 100,000 resources on a loaded two-core machine.
   */
  settingsTimeoutMs?: number;
}

export interface DrainResult {
  /** Outbox rows that reached Meilisearch and were removed. */
  sent: number;
  /** Outbox rows that failed this time and wait for their next attempt. */
  failed: number;
}

export interface ReindexResult {
  index: string;
  documents: number;
}

export interface SearchEngine {
  readonly client: Meilisearch;
  /** Outbox rows this process has sent to Meilisearch since it started (pages that search may have changed). */
  readonly rowsSent: number;
  /** The Meilisearch uid for a logical index name (with the prefix). */
  indexName(name: string): string;
  /** Adds (or replaces) an index definition; its settings are applied before its first documents are sent. */
  register<D extends SearchDocument>(definition: IndexDefinition<D>): void;
  definitions(): IndexDefinition[];
  /** Adds an outbox row in the caller's transaction. */
  enqueue(tx: Tx, name: string, documentId: string, op: OutboxOp): Promise<void>;
  /** Creates the indexes and applies their settings (idempotent). */
  applySettings(name?: string): Promise<void>;
  /**
   * Sends every due outbox row now (all rows, when includeBackedOff), and
   * returns once none is left or one round failed.
   */
  drain(options?: { includeBackedOff?: boolean }): Promise<DrainResult>;
  /** Asks the worker to look at the outbox soon. */
  kick(): void;
  /** Rebuilds one index, or all, from Postgres. */
  reindex(name?: string): Promise<ReindexResult[]>;
  /** Applies settings (a failure is logged, not thrown) and starts the worker. */
  start(): Promise<void>;
  /** Stops the worker after the round in progress. */
  stop(): Promise<void>;
}

/** Document batches (500 each) a rebuild keeps queued in Meilisearch at once. */
const REINDEX_BATCHES_IN_FLIGHT = 8;

/**
 * Keeps Meilisearch in step with Postgres: an index registry, the outbox
 * worker and the reindex. Postgres is the source of truth; a change is only
 * ever lost from the outbox once Meilisearch has confirmed the task.
 */
export function createSearchEngine(options: SearchEngineOptions): SearchEngine {
  const { client, database, log } = options;
  const prefix = options.indexPrefix ?? '';
  const batchSize = options.batchSize ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const taskTimeoutMs = options.taskTimeoutMs ?? 30_000;
  const settingsTimeoutMs = options.settingsTimeoutMs ?? 15 * 60_000;
  const registry = new Map<string, IndexDefinition>();
  /**
   * uids whose index exists with current settings, and since when. Settings are
   * re-applied every few minutes, so an index that Meilisearch lost (a wiped
   * volume) comes back with its settings rather than as a bare auto-created one.
   */
  const readySince = new Map<string, number>();
  const SETTINGS_TTL_MS = 10 * 60 * 1000;
  const ready = {
    has: (uid: string) => (readySince.get(uid) ?? -Infinity) > Date.now() - SETTINGS_TTL_MS,
    add: (uid: string) => void readySince.set(uid, Date.now()),
    delete: (uid: string) => void readySince.delete(uid)
  };

  // Draining and reindexing take turns within this process: a reindex swaps
  // the index under the worker, and rows that arrive meanwhile wait for the new one.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = turn.then(fn, fn);
    turn = next.catch(() => {});
    return next;
  };

  const uidOf = (name: string) => indexUid(prefix, name);
  const definitionFor = (uid: string) => registry.get(uid);

  async function waitFor(task: EnqueuedTaskPromise, what: string, timeout = taskTimeoutMs): Promise<Task> {
    const done = await task.waitTask({ timeout, interval: 50 });
    if (done.status !== 'succeeded') {
      throw new Error(`Meilisearch ${what}: task ${done.uid} ${done.status}${done.error ? `: ${done.error.message}` : ''}`);
    }
    return done;
  }

  async function indexExists(uid: string): Promise<boolean> {
    try {
      await client.getRawIndex(uid);
      return true;
    } catch (err) {
      if (meilisearchErrorCode(err) === 'index_not_found') return false;
      throw err;
    }
  }

  // Asking first keeps Meilisearch's error log free of failed "already exists" tasks;
  // another process creating it in between is still fine.
  async function createIndexIfMissing(uid: string, primaryKey: string): Promise<void> {
    if (await indexExists(uid)) return;
    const done = await client.createIndex(uid, { primaryKey }).waitTask({ timeout: taskTimeoutMs, interval: 50 });
    if (done.status !== 'succeeded' && done.error?.code !== 'index_already_exists') {
      throw new Error(`Meilisearch create index ${uid}: ${done.error?.message ?? done.status}`);
    }
  }

  async function deleteIndexIfPresent(uid: string): Promise<void> {
    if (await indexExists(uid)) await waitFor(client.deleteIndex(uid), `delete ${uid}`);
  }

  const ensuring = new Map<string, Promise<void>>();
  /** Creates the index and applies its settings unless done lately; concurrent callers share one attempt. */
  function ensureIndex(uid: string, definition: IndexDefinition, timeout = settingsTimeoutMs): Promise<void> {
    if (ready.has(uid)) return Promise.resolve();
    let attempt = ensuring.get(uid);
    if (!attempt) {
      attempt = (async () => {
        await createIndexIfMissing(uid, definition.primaryKey);
        await waitFor(client.index(uid).updateSettings(definition.settings), `settings of ${uid}`, timeout);
        ready.add(uid);
      })().finally(() => ensuring.delete(uid));
      ensuring.set(uid, attempt);
    }
    return attempt;
  }

  /** Loads the current documents and sends them; ids without a document are deleted from the index. */
  async function sync(uid: string, definition: IndexDefinition, ids: string[]): Promise<void> {
    await ensureIndex(uid, definition);
    const documents = await definition.load(database.db, ids);
    const present = new Set(documents.map((d) => String(d[definition.primaryKey])));
    const gone = ids.filter((id) => !present.has(id));
    const index = client.index(uid);
    if (documents.length > 0) {
      await waitFor(index.addDocuments(documents, { primaryKey: definition.primaryKey }), `add documents to ${uid}`);
    }
    if (gone.length > 0) await waitFor(index.deleteDocuments(gone), `delete documents from ${uid}`);
  }

  let rowsSent = 0;
  async function drainRound(includeBackedOff: boolean): Promise<DrainResult & { claimed: number }> {
    const rows = await claimDueRows(database.db, [...registry.keys()], batchSize, { includeBackedOff });
    const byIndex = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const list = byIndex.get(row.indexName) ?? [];
      list.push(row);
      byIndex.set(row.indexName, list);
    }
    const result = { claimed: rows.length, sent: 0, failed: 0 };
    for (const [uid, group] of byIndex) {
      const ids = group.map((r) => r.id);
      const definition = definitionFor(uid);
      try {
        if (!definition) throw new Error(`index ${uid} is no longer registered`);
        await sync(uid, definition, [...new Set(group.map((r) => r.documentId))]);
        await completeRows(database.db, ids);
        result.sent += group.length;
        rowsSent += group.length;
      } catch (err) {
        ready.delete(uid);
        const message = err instanceof Error ? err.message : String(err);
        await deferRows(database.db, ids, message);
        result.failed += group.length;
        const attempts = Math.max(...group.map((r) => r.attempts)) + 1;
        log.warn({ index: uid, rows: group.length, attempts, err: message }, 'search outbox: sending to Meilisearch failed; will retry');
      }
    }
    return result;
  }

  /**
   * Every process's worker drains under a shared advisory lock, which a reindex
   * (in any process, `pnpm hub reindex` included) takes exclusively: while it
   * rebuilds and swaps an index, no worker sends to the index it is replacing
   * (a change sent there would vanish with the swap). Rows wait in the outbox
   * meanwhile and go to the new index afterwards.
   */
  async function drainAll(includeBackedOff: boolean): Promise<DrainResult> {
    const outcome = await database.withAdvisoryLock(AdvisoryLock.searchIndexes, { shared: true, wait: false }, () =>
      drainUnlocked(includeBackedOff)
    );
    if (outcome.acquired) return outcome.value;
    log.debug?.({}, 'search outbox: a reindex is running; changes wait for it');
    return { sent: 0, failed: 0 };
  }

  async function drainUnlocked(includeBackedOff: boolean): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, failed: 0 };
    for (;;) {
      const round = await drainRound(includeBackedOff);
      total.sent += round.sent;
      total.failed += round.failed;
      // A failed round ends the drain: retrying at once would only fail again.
      if (round.claimed < batchSize || round.failed > 0 || closed) return total;
    }
  }

  // The worker: a poll every second, woken earlier by NOTIFY after an enqueue commits.
  let working = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = 0;
  let running: Promise<void> | undefined;
  let again = false;
  let unlisten: (() => Promise<void>) | undefined;

  function schedule(delayMs: number) {
    if (!working) return;
    // Never push a round further away: a burst of wake-ups must not starve the worker.
    if (timer && timerDue <= Date.now() + delayMs) return;
    if (timer) clearTimeout(timer);
    timerDue = Date.now() + delayMs;
    timer = setTimeout(tick, delayMs);
    timer.unref();
  }

  function tick() {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = exclusive(() => drainAll(false))
      .then(
        () => {},
        (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'search outbox: drain failed')
      )
      .finally(() => {
        running = undefined;
        const soon = again;
        again = false;
        schedule(soon ? 0 : pollIntervalMs);
      });
  }

  function kick() {
    if (running) again = true;
    // A short delay lets a burst of enqueues share one round.
    else schedule(25);
  }

  async function applySettings(name?: string, timeout?: number) {
    for (const [uid, definition] of registry) {
      if (name && definition.name !== name) continue;
      ready.delete(uid);
      await ensureIndex(uid, definition, timeout);
    }
  }

  async function reindexOne(definition: IndexDefinition): Promise<ReindexResult> {
    const uid = uidOf(definition.name);
    const building = `${uid}__reindex`;
    await deleteIndexIfPresent(building);
    await createIndexIfMissing(building, definition.primaryKey);
    await waitFor(client.index(building).updateSettings(definition.settings), `settings of ${building}`);
    let documents = 0;
    let after: string | null = null;
    // A few batches in flight: Meilisearch groups queued additions into one indexing
    // run, which waiting for each batch before loading the next never let it do.
    const inFlight: EnqueuedTaskPromise[] = [];
    const settle = (task: EnqueuedTaskPromise) => waitFor(task, `add documents to ${building}`, 120_000);
    for (;;) {
      const ids = await definition.listIds(database.db, { after, limit: 500 });
      if (ids.length === 0) break;
      const batch = await definition.load(database.db, ids);
      if (batch.length > 0) {
        const task = client.index(building).addDocuments(batch, { primaryKey: definition.primaryKey });
        // Its failure is met when it is settled; until then it must not count as unhandled.
        task.catch(() => {});
        inFlight.push(task);
        if (inFlight.length >= REINDEX_BATCHES_IN_FLIGHT) await settle(inFlight.shift()!);
      }
      documents += batch.length;
      after = ids[ids.length - 1];
    }
    for (const task of inFlight) await settle(task);
    await createIndexIfMissing(uid, definition.primaryKey);
    await waitFor(client.swapIndexes([{ indexes: [uid, building], rename: false }]), `swap ${uid}`);
    await waitFor(client.deleteIndex(building), `delete ${building}`);
    ready.add(uid);
    log.info({ index: uid, documents }, 'search index rebuilt');
    return { index: definition.name, documents };
  }

  return {
    client,
    get rowsSent() {
      return rowsSent;
    },
    indexName: uidOf,
    register(definition) {
      const uid = uidOf(definition.name);
      registry.set(uid, definition as unknown as IndexDefinition);
      ready.delete(uid);
      if (working) {
        void ensureIndex(uid, definition as unknown as IndexDefinition).catch((err) =>
          log.warn({ index: uid, err: err instanceof Error ? err.message : String(err) }, 'could not apply search settings yet')
        );
      }
    },
    definitions: () => [...registry.values()],
    async enqueue(tx, name, documentId, op) {
      await enqueueChange(tx, uidOf(name), documentId, op);
    },
    applySettings: (name) => exclusive(() => applySettings(name)),
    drain: (opts = {}) =>
      exclusive(async () => {
        // Settings still being applied (an index registered a moment ago) are part of
        // what a caller waits for: searching a fresh index before them fails on its filters.
        await Promise.allSettled([...ensuring.values()]);
        return drainAll(opts.includeBackedOff ?? false);
      }),
    kick,
    reindex(name) {
      const chosen = [...registry.values()].filter((d) => !name || d.name === name);
      if (name && chosen.length === 0) return Promise.reject(new Error(`no search index named ${name}`));
      return exclusive(async () => {
        const outcome = await database.withAdvisoryLock(AdvisoryLock.searchIndexes, { shared: false, wait: true }, async () => {
          const results: ReindexResult[] = [];
          for (const definition of chosen) results.push(await reindexOne(definition));
          return results;
        });
        if (!outcome.acquired) throw new Error('the search indexes are locked');
        return outcome.value;
      });
    },
    async start() {
      if (working || closed) return;
      working = true;
      try {
        // The start waits no longer than for any task: new settings on a large index may
        // take Meilisearch minutes, and the worker waits for them instead.
        await exclusive(() => applySettings(undefined, taskTimeoutMs));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof Error && err.name === 'MeilisearchTaskTimeOutError') {
          log.warn({ err: message }, 'Meilisearch is still applying search settings (an index is rebuilt after a settings change); searches use the index as it was, and changes wait in the outbox until it is done');
        } else {
          log.warn({ err: message }, 'Meilisearch is not reachable; search changes wait in the outbox until it is');
        }
      }
      unlisten = await database.listen(SEARCH_CHANNEL, (uid) => {
        if (registry.has(uid)) kick();
      });
      schedule(0);
    },
    async stop() {
      working = false;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await unlisten?.().catch(() => {});
      unlisten = undefined;
      await running;
      await turn.catch(() => {});
    }
  };
}
