import { createReadStream, createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import * as tar from 'tar';
import { sql } from 'drizzle-orm';
import { migrationsFolder, type Database, type Db } from '@mutirao/db';

/**
 * `pnpm hub backup <file>` and `pnpm hub restore <file>`: the database and the
 * uploaded files in one .tar.gz, the same on PGlite and on PostgreSQL.
 *
 * The database goes in as data, not as SQL: every table of the `public` schema
 * as JSON lines (Postgres's own `row_to_json`, read back with
 * `json_populate_recordset`, so each type round-trips as Postgres writes it),
 * plus the sequences and the migrations it was at. A restore builds the schema
 * with the migrations the backup was made at, loads the rows (parents before
 * children), sets the sequences, then applies any newer migrations: a backup
 * from an older version restores into a newer one. The search index is not
 * backed up; it is rebuilt from the restored database.
 */

export const BACKUP_FORMAT = 'mutirao-backup';
const FORMAT_VERSION = 1;
const BATCH = 1000;

interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  database: {
    kind: Database['kind'];
    /** Tags of the migrations the database had, oldest first. */
    migrations: string[];
    tables: Array<{ name: string; rows: number }>;
    sequences: Array<{ name: string; lastValue: string | null }>;
  };
  uploads: { files: number; bytes: number };
}

export interface BackupSummary {
  tables: number;
  rows: number;
  uploads: number;
  bytes: number;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name: ${name}`);
  return `"${name}"`;
};

async function publicTables(db: Db): Promise<string[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)
  ).map((r) => r.name);
  // Parents before children, so foreign keys hold at every insert.
  const edges = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`
      select c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`)
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const edge of edges) if (edge.child === table) visit(edge.parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const journal = JSON.parse(await readFile(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  const applied = rowsOf<{ created_at: string }>(
    await db.execute(sql`select created_at::text from drizzle.__drizzle_migrations`).catch(() => ({ rows: [] }))
  ).map((r) => Number(r.created_at));
  const last = Math.max(0, ...applied);
  return journal.entries.filter((e) => e.when <= last).map((e) => e.tag);
}

async function filesUnder(dir: string): Promise<Array<{ path: string; size: number }>> {
  const found: Array<{ path: string; size: number }> = [];
  const walk = async (current: string) => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push({ path, size: (await stat(path)).size });
    }
  };
  await walk(dir);
  return found;
}

/**
 * Writes the archive. The rows come from one REPEATABLE READ transaction, so
 * they are one consistent moment even while a hub on PostgreSQL keeps writing.
 * (PGlite is one process's database: stop the hub first.)
 */
export async function backup(database: Database, uploadsDir: string, file: string): Promise<BackupSummary> {
  const staging = await mkdtemp(join(tmpdir(), 'mutirao-backup-'));
  try {
    await mkdir(join(staging, 'database'));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      database: { kind: database.kind, migrations: await appliedMigrations(database.db), tables: [], sequences: [] },
      uploads: { files: 0, bytes: 0 }
    };
    await database.db.transaction(
      async (tx) => {
        for (const table of await publicTables(tx as unknown as Db)) {
          const out = createWriteStream(join(staging, 'database', `${table}.jsonl`));
          let rows = 0;
          await tx.execute(sql.raw(`declare dump_${table} no scroll cursor for select row_to_json(t)::text as row from ${quoteIdent(table)} t`));
          for (;;) {
            const batch = rowsOf<{ row: string }>(await tx.execute(sql.raw(`fetch ${BATCH} from dump_${table}`)));
            for (const { row } of batch) if (!out.write(`${row}\n`)) await once(out, 'drain');
            rows += batch.length;
            if (batch.length < BATCH) break;
          }
          await tx.execute(sql.raw(`close dump_${table}`));
          out.end();
          await once(out, 'finish');
          manifest.database.tables.push({ name: table, rows });
        }
        manifest.database.sequences = rowsOf<{ name: string; last_value: string | null }>(
          await tx.execute(sql`select sequencename as name, last_value::text from pg_sequences where schemaname = 'public' order by 1`)
        ).map((r) => ({ name: r.name, lastValue: r.last_value }));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' }
    );
    const uploads = await filesUnder(uploadsDir);
    manifest.uploads = { files: uploads.length, bytes: uploads.reduce((n, f) => n + f.size, 0) };
    await writeFile(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const entries = ['manifest.json', 'database'];
    if (uploads.length > 0) {
      await symlink(resolve(uploadsDir), join(staging, 'uploads'));
      entries.push('uploads');
    }
    await mkdir(dirname(resolve(file)), { recursive: true });
    await tar.create({ gzip: true, file, cwd: staging, follow: true, portable: true }, entries);
    return {
      tables: manifest.database.tables.length,
      rows: manifest.database.tables.reduce((n, t) => n + t.rows, 0),
      uploads: manifest.uploads.files,
      bytes: (await stat(file)).size
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export class RestoreRefused extends Error {}

async function isEmptyDirectory(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** The project's migrations folder, cut at the backup's last migration (the journal lists what the migrator applies). */
async function migrationsUpTo(tags: string[], into: string): Promise<string> {
  const folder = join(into, 'migrations');
  await cp(migrationsFolder, folder, { recursive: true });
  const journalFile = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const known = journal.entries.map((e) => e.tag);
  const unknown = tags.filter((tag) => !known.includes(tag));
  if (unknown.length > 0 || tags.some((tag, i) => known[i] !== tag)) {
    throw new RestoreRefused(
      `This backup was made by a newer or different version of the hub (migrations ${unknown.join(', ') || 'in another order'}). Restore it with that version.`
    );
  }
  journal.entries = journal.entries.slice(0, tags.length);
  await writeFile(journalFile, JSON.stringify(journal));
  return folder;
}

/**
 * Restores an archive into an empty database and uploads folder (or, with
 * `replace`, after emptying them). Everything the database gets is written in
 * one transaction: a restore that fails part-way leaves the schema of its
 * migrations and no rows.
 */
export async function restore(database: Database, uploadsDir: string, file: string, options: { replace?: boolean } = {}): Promise<BackupSummary> {
  const staging = await mkdtemp(join(tmpdir(), 'mutirao-restore-'));
  try {
    await tar.extract({ file, cwd: staging, strict: true });
    const manifest = JSON.parse(await readFile(join(staging, 'manifest.json'), 'utf8').catch(() => '{}')) as Manifest;
    if (manifest.format !== BACKUP_FORMAT || manifest.version !== FORMAT_VERSION) {
      throw new RestoreRefused(`${file} is not a Mutirão backup (format ${BACKUP_FORMAT} ${FORMAT_VERSION}).`);
    }

    const existing = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`)
    )[0].n;
    const uploadsEmpty = await isEmptyDirectory(uploadsDir);
    if ((existing > 0 || !uploadsEmpty) && !options.replace) {
      throw new RestoreRefused(
        'The database or the uploads folder is not empty. Restore into a new database and data directory, ' +
          'or pass --replace to delete everything in them first.'
      );
    }
    if (options.replace) {
      await database.db.execute(sql`drop schema if exists drizzle cascade`);
      await database.db.execute(sql`drop schema public cascade`);
      await database.db.execute(sql`create schema public`);
      await rm(uploadsDir, { recursive: true, force: true });
    }

    await database.migrate({ migrationsFolder: await migrationsUpTo(manifest.database.migrations, staging) });
    let rows = 0;
    await database.db.transaction(async (tx) => {
      for (const { name, rows: expected } of manifest.database.tables) {
        const input = createInterface({ input: createReadStream(join(staging, 'database', `${name}.jsonl`)), crlfDelay: Infinity });
        let batch: string[] = [];
        let loaded = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          await tx.execute(
            sql`insert into ${sql.raw(quoteIdent(name))} overriding system value select * from json_populate_recordset(null::${sql.raw(quoteIdent(name))}, ${`[${batch.join(',')}]`}::json)`
          );
          loaded += batch.length;
          batch = [];
        };
        for await (const line of input) {
          if (!line) continue;
          batch.push(line);
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        if (loaded !== expected) throw new RestoreRefused(`The backup is damaged: table ${name} has ${loaded} rows, the manifest says ${expected}.`);
        rows += loaded;
      }
      for (const sequence of manifest.database.sequences) {
        if (sequence.lastValue === null) continue;
        await tx.execute(sql`select setval(${`public.${quoteIdent(sequence.name)}`}::regclass, ${sequence.lastValue}::bigint, true)`);
      }
    });
    // Migrations newer than the backup run on the restored rows, as they would have on the live database.
    await database.migrate();

    await mkdir(uploadsDir, { recursive: true });
    const uploaded = join(staging, 'uploads');
    if (!(await isEmptyDirectory(uploaded))) await cp(uploaded, uploadsDir, { recursive: true });
    return { tables: manifest.database.tables.length, rows, uploads: manifest.uploads.files, bytes: (await stat(file)).size };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
