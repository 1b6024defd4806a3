import { sql } from 'drizzle-orm';
import { fromDrizzle, type DrizzleTransactionLike } from 'pg-boss';
import type { Db, Tx } from '@mutirao/db';

/** pg-boss keeps its tables in a schema of its own (not in drizzle's migrations). */
export const JOBS_SCHEMA = 'pgboss';
/** Runners LISTEN here; an enqueue NOTIFYs in its transaction, so they hear of it on commit. */
export const JOBS_CHANNEL = 'mutirao_jobs';

const schema = sql.identifier(JOBS_SCHEMA);

/** drizzle's execute is typed loosely (unknown rows); the adapters return `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : (result as T[]);
}

/** The caller's transaction in the form pg-boss sends through, so a job exists only if it commits. */
export const pgBossDb = (tx: Tx) => fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);

export async function notifyRunners(db: Db | Tx, kind: string): Promise<void> {
  await db.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${kind})`);
}

export async function findFailedJob(db: Db, id: string): Promise<{ name: string } | undefined> {
  const result = await db.execute(sql`select name from ${schema}.job where id = ${id}::uuid and state = 'failed'`);
  return rowsOf<{ name: string }>(result)[0];
}

export interface FailedJobRow {
  id: string;
  name: string;
  data: unknown;
  retryCount: number;
  output: { message?: unknown } | null;
  createdOn: Date | string;
  completedOn: Date | string;
}

/** Failed jobs, the latest failure first, and how many there are. */
export async function listFailedJobRows(db: Db, page: number, pageSize: number): Promise<{ rows: FailedJobRow[]; total: number }> {
  const [rows, counted] = await Promise.all([
    db.execute(sql`
      select id::text as id, name, data, retry_count as "retryCount", output,
             created_on as "createdOn", completed_on as "completedOn"
      from ${schema}.job where state = 'failed'
      order by completed_on desc, id desc
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute(sql`select count(*)::int as n from ${schema}.job where state = 'failed'`)
  ]);
  return { rows: rowsOf<FailedJobRow>(rows), total: rowsOf<{ n: number }>(counted)[0]?.n ?? 0 };
}

/**
 * Drops mail not yet sent to an address, and failed mail that names it: used when
 * the account behind the address is deleted, so nothing reaches a person who left
 * (a notification queued a moment earlier, a retry after an outage) and the failed
 * jobs admins can read no longer hold their address. A send already in progress
 * (`active`) is left to finish.
 */
export async function dropMailTo(tx: Tx, address: string): Promise<number> {
  const result = await tx.execute(sql`
    delete from ${schema}.job
    where name = 'mail.send' and state in ('created', 'retry', 'failed') and lower(data->>'to') = lower(${address})
    returning id`);
  return rowsOf<{ id: string }>(result).length;
}
