import { parseArgs } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { createDatabase } from '@mutirao/db';
import type { Config } from '../config';
import { startRuntime } from '../runtime';
import { backup, restore, RestoreRefused } from './backup';

const openDatabase = (config: Config) =>
  createDatabase({
    url: config.database.url,
    pgliteDir: config.database.pgliteDir,
    poolSize: 2,
    connectTimeoutMs: config.database.connectTimeoutMs,
    // A large table is read and written in batches; each may take a while on a busy server.
    statementTimeoutMs: Math.max(config.database.statementTimeoutMs, 300_000)
  });

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** `pnpm hub backup <file>`: returns the exit code. */
export async function backupCommand(config: Config, _log: FastifyBaseLogger, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error('Usage: pnpm hub backup <file.tar.gz>');
    return 2;
  }
  const database = await openDatabase(config);
  try {
    const summary = await backup(database, config.uploadsDir, positionals[0]);
    console.log(
      `Backup written to ${positionals[0]} (${size(summary.bytes)}): ${summary.rows} rows in ${summary.tables} tables, ${summary.uploads} uploaded files.`
    );
    return 0;
  } catch (err) {
    console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await database.close();
  }
}

/** `pnpm hub restore <file> [--replace] [--no-reindex]`: returns the exit code. */
export async function restoreCommand(config: Config, log: FastifyBaseLogger, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false }, 'no-reindex': { type: 'boolean', default: false } }
  });
  if (positionals.length !== 1) {
    console.error('Usage: pnpm hub restore <file.tar.gz> [--replace] [--no-reindex]');
    return 2;
  }
  const database = await openDatabase(config);
  try {
    const summary = await restore(database, config.uploadsDir, positionals[0], { replace: values.replace });
    console.log(`Restored ${summary.rows} rows in ${summary.tables} tables and ${summary.uploads} uploaded files from ${positionals[0]}.`);
  } catch (err) {
    console.error(`${err instanceof RestoreRefused ? '' : 'Restore failed: '}${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await database.close();
  }
  if (values['no-reindex']) {
    console.log('Search was not rebuilt: run `pnpm hub reindex` before the directory can find anything.');
    return 0;
  }
  // The index is not in the backup: it is rebuilt from what was just restored.
  const runtime = await startRuntime(config, log);
  try {
    const results = await runtime.search.reindex();
    console.log(`Search rebuilt: ${results.map((r) => `${r.index} (${r.documents})`).join(', ')}.`);
    return 0;
  } catch (err) {
    console.error(`The data is restored, but rebuilding search failed (${err instanceof Error ? err.message : String(err)}); run \`pnpm hub reindex\`.`);
    return 1;
  } finally {
    await runtime.close();
  }
}
