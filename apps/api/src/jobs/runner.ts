import { PgBoss, fromPglite, type ConstructorOptions, type Job } from 'pg-boss';
import type { Database, Tx } from '@mutirao/db';
import type { JobKind } from './job-kind';
import { JOBS_CHANNEL, JOBS_SCHEMA, findFailedJob, listFailedJobRows, notifyRunners, pgBossDb } from './jobs.repo';

export { JOBS_CHANNEL, JOBS_SCHEMA };

/** NOTIFY channel that wakes every process's runner soon after an enqueue commits. */
/** pg-boss keeps its tables in this schema, beside the hub's own. */
/** Failed jobs stay listed for admins this long, then pg-boss's maintenance deletes them. */
export const FAILED_RETENTION_SECONDS = 30 * 24 * 60 * 60;

export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type JobHandler<P> = (payload: P, job: { id: string; attempt: number }) => Promise<void>;

export interface FailedJob {
  id: string;
  kind: string;
  /** The kind's own description of the payload (never its secrets), or the kind when this process does not know it. */
  summary: string;
  attempts: number;
  error: string | null;
  createdAt: Date;
  failedAt: Date;
}

export interface DrainResult {
  /** Jobs that ran and succeeded. */
  done: number;
  /** Jobs that failed this time (they wait for a retry, or are marked failed). */
  failed: number;
}

export interface EnqueueOptions {
  /** Not before this moment (a reminder): pg-boss keeps it queued, durably, until then. */
  startAfter?: Date;
  /**
   * The job's id, for a job that must exist once however many processes enqueue it
   * (a daily run): a second enqueue with the same id while the first is kept adds nothing.
   */
  id?: string;
}

/** What services see: enqueue in their transaction, and the admins' view of failures. */
export interface JobQueue {
  /**
   * Adds a job in the caller's transaction: it exists only if that transaction
   * commits, and the runners are woken once it does.
   */
  enqueue<P>(tx: Tx, kind: JobKind<P>, payload: P, options?: EnqueueOptions): Promise<void>;
  /** Failed jobs, the most recent failure first. */
  listFailed(options: { page: number; pageSize: number }): Promise<{ items: FailedJob[]; total: number }>;
  /** Puts a failed job back in the queue for one more attempt; false when no failed job has this id. */
  retry(id: string): Promise<boolean>;
}

export interface JobRunner extends JobQueue {
  /** Attaches the handler of a kind (before start). */
  handle<P>(kind: JobKind<P>, handler: JobHandler<P>): void;
  /**
   * Installs or upgrades pg-boss's schema, creates the queues and, unless
   * `work` is false, starts working them in the background.
   */
  start(options?: { work?: boolean }): Promise<void>;
  /** Runs every due job now, and returns once none is left (tests, the CLI). */
  drain(): Promise<DrainResult>;
  close(): Promise<void>;
}

export interface JobRunnerOptions {
  database: Database;
  log: JobLog;
  /** How often the runner looks for due jobs when no NOTIFY woke it. */
  pollIntervalMs?: number;
  /** Jobs of one kind claimed per round. */
  batchSize?: number;
}

const pgBossOptions = (database: Database): ConstructorOptions => ({
  ...(database.native.kind === 'pglite'
    ? // PGlite is one connection: pg-boss must share it, not open its own.
      { db: fromPglite(database.native.client), backend: 'pglite' as const }
    : { connectionString: database.native.url, max: 2 }),
  schema: JOBS_SCHEMA,
  // Cron schedules are not used (yet); maintenance (expiring stuck jobs, deleting old ones) is.
  schedule: false,
  supervise: true
});

/** Creates or upgrades pg-boss's tables, for a database that no runner has started on yet (CI's template). */
export async function installJobSchema(database: Database): Promise<void> {
  const boss = new PgBoss({ ...pgBossOptions(database), supervise: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false, close: true });
}

/**
 * The hub's job queue, on pg-boss: the jobs live in Postgres (or PGlite), so
 * they survive restarts; a claim is a `FOR UPDATE SKIP LOCKED` that marks the
 * job active until `expireInSeconds`, so several processes never run one job
 * at once; pg-boss applies each kind's retries with exponential backoff and
 * keeps failed jobs. This factory adds what the hub needs around it: typed
 * kinds, enqueueing in a drizzle transaction, one polling loop per process that
 * NOTIFY wakes early, a `drain()` that tests share with that loop, and the
 * admins' list of failures.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { database, log } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 10;
  const kinds = new Map<string, JobKind<unknown>>();
  const handlers = new Map<string, JobHandler<unknown>>();
  const boss = new PgBoss(pgBossOptions(database));
  boss.on('error', (err: Error) => log.warn({ err: err.message }, 'job queue maintenance failed'));
  let started = false;

  // Rounds take turns within this process, so drain() waits for the round the
  // background loop is in and then sees every job that round did not finish.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = turn.then(fn, fn);
    turn = next.catch(() => {});
    return next;
  };

  async function runOne(kind: JobKind<unknown>, handler: JobHandler<unknown>, job: Job<unknown>): Promise<boolean> {
    try {
      await handler(job.data, { id: job.id, attempt: job.retryCount + 1 });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // pg-boss decides from the kind's retry settings whether this is a retry later or a failure for good.
      await boss.fail(kind.name, job.id, { message: message.slice(0, 2000) });
      const final = job.retryCount >= kind.retryLimit;
      log.warn({ job: job.id, kind: kind.name, attempt: job.retryCount + 1, final, err: message }, final ? 'job failed' : 'job failed; will retry');
      return false;
    }
    // Done jobs are deleted, not kept as completed: a mail job's payload may hold
    // a single-use link, which has no business staying in the database once sent.
    await boss.deleteJob(kind.name, job.id);
    return true;
  }

  async function round(): Promise<DrainResult & { claimed: number }> {
    const result = { claimed: 0, done: 0, failed: 0 };
    for (const [name, handler] of handlers) {
      const kind = kinds.get(name)!;
      const jobs = await boss.fetch<unknown>(name, { batchSize });
      result.claimed += jobs.length;
      const outcomes = await Promise.all(jobs.map((job) => runOne(kind, handler, job)));
      for (const ok of outcomes) {
        if (ok) result.done++;
        else result.failed++;
      }
    }
    return result;
  }

  async function drainAll(): Promise<DrainResult> {
    const total: DrainResult = { done: 0, failed: 0 };
    for (;;) {
      const r = await round();
      total.done += r.done;
      total.failed += r.failed;
      if (r.claimed === 0 || closed) return total;
    }
  }

  // The background loop: a poll every second, woken earlier by NOTIFY after an enqueue commits.
  let working = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = 0;
  let running: Promise<void> | undefined;
  let again = false;
  let unlisten: (() => Promise<void>) | undefined;

  function schedule(delayMs: number) {
    if (!working) return;
    // Never push a round further away: a burst of wake-ups must not starve the loop.
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
    running = exclusive(drainAll)
      .then(
        () => {},
        (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'job runner: a round failed')
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
    else schedule(10);
  }


  return {
    handle(kind, handler) {
      if (started) throw new Error(`job kind ${kind.name}: handlers are attached before the runner starts`);
      kinds.set(kind.name, kind as JobKind<unknown>);
      handlers.set(kind.name, handler as JobHandler<unknown>);
    },

    async enqueue(tx, kind, payload, options = {}) {
      if (!kinds.has(kind.name)) throw new Error(`job kind ${kind.name} has no handler in this process`);
      await boss.send(kind.name, payload as object, { db: pgBossDb(tx), ...(options.startAfter && { startAfter: options.startAfter }), ...(options.id && { id: options.id }) });
      await notifyRunners(tx, kind.name);
    },

    async listFailed({ page, pageSize }) {
      const { rows, total } = await listFailedJobRows(database.db, page, pageSize);
      const items = rows.map((row) => {
        const kind = kinds.get(row.name);
        let summary = row.name;
        try {
          if (kind) summary = kind.describe(row.data);
        } catch {
          // A payload written by another version of the hub: the kind's name says enough.
        }
        return {
          id: row.id,
          kind: row.name,
          summary,
          attempts: row.retryCount + 1,
          error: typeof row.output?.message === 'string' ? row.output.message : null,
          createdAt: new Date(row.createdOn),
          failedAt: new Date(row.completedOn)
        };
      });
      return { items, total };
    },

    async retry(id) {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
      const found = await findFailedJob(database.db, id);
      if (!found) return false;
      // CommandResponse is untyped; it reports how many jobs moved as `affected`.
      const { affected } = (await boss.retry(found.name, id)) as { affected?: number };
      if (!affected) return false;
      await notifyRunners(database.db, found.name);
      return true;
    },

    async start({ work = true } = {}) {
      if (started) return;
      started = true;
      await boss.start();
      for (const kind of kinds.values()) {
        const queue = {
          retryLimit: kind.retryLimit,
          retryDelay: kind.retryDelaySeconds,
          retryBackoff: kind.retryDelaySeconds > 0,
          ...(kind.retryDelaySeconds > 0 && { retryDelayMax: kind.retryDelayMaxSeconds }),
          expireInSeconds: kind.expireInSeconds,
          deleteAfterSeconds: FAILED_RETENTION_SECONDS
        };
        // Created by the first process, updated by later ones so a changed retry policy takes effect.
        if (await boss.getQueue(kind.name)) await boss.updateQueue(kind.name, queue);
        else await boss.createQueue(kind.name, queue);
      }
      if (!work) return;
      working = true;
      unlisten = await database.listen(JOBS_CHANNEL, (name) => {
        if (handlers.has(name)) kick();
      });
      schedule(0);
    },

    drain: () => exclusive(drainAll),

    async close() {
      working = false;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await unlisten?.().catch(() => {});
      unlisten = undefined;
      await running;
      await turn.catch(() => {});
      if (started) await boss.stop({ graceful: false, close: true });
    }
  };
}

