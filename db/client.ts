import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PGlite } from '@electric-sql/pglite';
import { lockFile } from './lock';
import * as schema from './schema/index';

export { schema };
export type Schema = typeof schema;
// Both drivers produce a PgDatabase over the same schema; services see only this type.
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /**
   * The driver underneath, for a library that brings its own SQL (the job queue):
   * the server's URL, or the one embedded PGlite instance every query must share.
   */
  native: { kind: 'postgres'; url: string } | { kind: 'pglite'; client: PGlite };
  /** Runs a cheap query; throws when the database cannot answer. */
  ping(): Promise<void>;
  /** Subscribes to a NOTIFY channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Runs `fn` while this process holds a Postgres advisory lock, so processes
   * can take turns with work that must not overlap (see `AdvisoryLock`).
   * Shared holders run side by side; an exclusive holder waits for them and,
   * while it waits, keeps new shared ones out. With `wait: false` it gives up at
   * once when the lock is taken. PGlite belongs to one process, whose own code
   * takes turns already: there it always runs.
   */
  withAdvisoryLock<T>(key: number, mode: { shared: boolean; wait: boolean }, fn: () => Promise<T>): Promise<LockOutcome<T>>;
  /** Applies the migrations (those in `migrationsFolder`, by default the project's own). */
  migrate(options?: { migrationsFolder?: string }): Promise<void>;
  close(): Promise<void>;
}

export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/** Advisory lock keys: one place, so two features never pick the same number. */
export const AdvisoryLock = {
  /** Held shared by each search outbox round, exclusive by a reindex (which swaps the index under the workers). */
  searchIndexes: 7_210_001,
  /** Held while migrations run, so processes starting together migrate one at a time. */
  migrations: 7_210_002
} as const;

export interface DatabaseOptions {
  /** A postgres:// URL; without it an embedded PGlite is used. */
  url?: string;
  /** PGlite's data directory; `memory://` keeps it in memory. */
  pgliteDir?: string;
  poolSize?: number;
  /**
   * How long a request waits for a connection (Postgres unreachable, or the pool
   * exhausted) before it fails, in ms. Failing is what lets the hub answer 503
   * instead of hanging while the database restarts.
   */
  connectTimeoutMs?: number;
  /** Longest a statement may run before Postgres cancels it (and the client stops waiting a little later), in ms. */
  statementTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? createPostgres(options.url, options) : createPglite(options.pgliteDir ?? 'memory://');
}

async function createPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.default.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: statementTimeoutMs,
    // A connection that dies silently (a host gone, not restarted) would leave a query waiting forever.
    query_timeout: statementTimeoutMs + 5_000,
    keepAlive: true
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  let listener: import('pg').Client | undefined;
  let connecting: Promise<import('pg').Client> | undefined;
  let closed = false;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  // One dedicated connection carries every LISTEN. When it drops (a restart, a
  // network blip), it is opened again and re-subscribed, retrying with a
  // growing pause until Postgres answers, so live events and search wake-ups
  // resume without a process restart.
  let retryDelayMs = 500;
  const reconnectLater = () => {
    if (closed) return;
    setTimeout(() => {
      ensureListener().then(
        () => (retryDelayMs = 500),
        () => {
          retryDelayMs = Math.min(retryDelayMs * 2, 10_000);
          reconnectLater();
        }
      );
    }, retryDelayMs).unref();
  };
  const connectListener = async (): Promise<import('pg').Client> => {
    const client = new pg.default.Client({
      connectionString: url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      keepAlive: true
    });
    client.on('notification', (msg) => {
      for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      client.end().catch(() => {});
      reconnectLater();
    };
    client.on('error', onLost);
    client.on('end', () => {
      if (listener === client) onLost();
    });
    try {
      await client.connect();
      for (const channel of handlers.keys()) await client.query(`listen ${quoteIdent(channel)}`);
    } catch (err) {
      lost = true;
      client.end().catch(() => {});
      throw err;
    }
    listener = client;
    return client;
  };
  const ensureListener = async (): Promise<import('pg').Client> => {
    if (listener) return listener;
    connecting ??= connectListener().finally(() => (connecting = undefined));
    return connecting;
  };

  // Session-level advisory locks belong to a connection: one connection of our own
  // carries them (a pooled one could be handed to someone else mid-lock). It is
  // opened on first use and again after it is lost, which also loses its locks.
  let lockClient: Promise<import('pg').Client> | undefined;
  const lockConnection = () => {
    lockClient ??= (async () => {
      const client = new pg.default.Client({
        connectionString: url,
        connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        keepAlive: true
      });
      const forget = () => {
        lockClient = undefined;
        client.end().catch(() => {});
      };
      client.on('error', forget);
      client.on('end', forget);
      await client.connect().catch((err) => {
        forget();
        throw err;
      });
      return client;
    })();
    return lockClient;
  };
  async function withAdvisoryLock<T>(key: number, mode: { shared: boolean; wait: boolean }, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    const client = await lockConnection();
    const kind = mode.shared ? '_shared' : '';
    if (mode.wait) {
      await client.query(`select pg_advisory_lock${kind}($1)`, [key]);
    } else {
      const { rows } = await client.query<{ ok: boolean }>(`select pg_try_advisory_lock${kind}($1) as ok`, [key]);
      if (!rows[0]?.ok) return { acquired: false };
    }
    try {
      return { acquired: true, value: await fn() };
    } finally {
      await client.query(`select pg_advisory_unlock${kind}($1)`, [key]).catch(() => {});
    }
  }

  return {
    db,
    kind: 'postgres',
    native: { kind: 'postgres', url },
    async ping() {
      await pool.query('select 1');
    },
    async listen(channel, onPayload) {
      let set = handlers.get(channel);
      const isNew = !set;
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(onPayload);
      const client = await ensureListener();
      if (isNew) await client.query(`listen ${quoteIdent(channel)}`);
      return async () => {
        set.delete(onPayload);
      };
    },
    withAdvisoryLock,
    async migrate({ migrationsFolder: folder = migrationsFolder } = {}) {
      // Migrations may rebuild large tables: on a connection of their own, without the statement timeout.
      // The lock is taken on that one connection, which the migrator then uses: processes that
      // start together migrate one after the other, and the later ones find nothing to do.
      const migrator = new pg.default.Pool({ connectionString: url, max: 1 });
      try {
        const client = await migrator.connect();
        await client.query('select pg_advisory_lock($1)', [AdvisoryLock.migrations]);
        client.release();
        await migrate(drizzle({ client: migrator, schema, casing: 'snake_case' }) as never, { migrationsFolder: folder });
        await migrator.query('select pg_advisory_unlock($1)', [AdvisoryLock.migrations]);
      } finally {
        await migrator.end();
      }
    },
    async close() {
      closed = true;
      await listener?.end().catch(() => {});
      await lockClient?.then((client) => client.end()).catch(() => {});
      await pool.end();
    }
  };
}

async function createPglite(dir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let release = async () => {};
  if (!dir.startsWith('memory://')) {
    mkdirSync(dir, { recursive: true });
    // PGlite is one process's database: a second opener would corrupt it.
    release = await lockFile(
      `${dir}.lock`,
      (owner) =>
        `The embedded database in ${dir} is in use by another process (pid ${owner}), such as a running hub. ` +
        'Stop it first, or set DATABASE_URL to use a PostgreSQL server that several processes can share.'
    );
  }
  const client = await PGlite.create(dir).catch(async (err: unknown) => {
    await release();
    throw err;
  });
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    native: { kind: 'pglite', client },
    async ping() {
      await client.query('select 1');
    },
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return unsubscribe;
    },
    async withAdvisoryLock(_key, _mode, fn) {
      return { acquired: true, value: await fn() };
    },
    async migrate({ migrationsFolder: folder = migrationsFolder } = {}) {
      await migrate(db as never, { migrationsFolder: folder });
    },
    async close() {
      await client.close();
      await release();
    }
  };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid channel name: ${name}`);
  return `"${name}"`;
}
