import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { password, uniqueEmail } from './accounts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * A new admin through the CLI. It shares only the database with the running hub: its own
 * DATA_DIR keeps it off the hub's embedded Meilisearch (which allows one process per data
 * folder), and an unreachable MEILI_URL keeps its outbox worker from sending the hub's
 * pending search changes anywhere else (they stay queued for the hub).
 */
export async function createAdmin(): Promise<{ email: string; name: string }> {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) {
    throw new Error(
      'The admin pages’ tests need E2E_DATABASE_URL: the Postgres database of the hub under test, for `pnpm hub create-admin` ' +
        '(an embedded PGlite cannot be opened by a second process while the hub runs).'
    );
  }
  const name = 'Ada Administradora';
  const email = uniqueEmail('ada.admin');
  const dataDir = mkdtempSync(join(tmpdir(), 'mutirao-e2e-cli-'));
  try {
    await promisify(execFile)('pnpm', ['hub', 'create-admin', '--email', email, '--name', name, '--password', password], {
      cwd: root,
      timeout: 90_000,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        MEILI_URL: 'http://127.0.0.1:9',
        MEILI_MASTER_KEY: 'not-used-by-create-admin',
        SEED_DEMO: 'false'
      }
    });
  } catch (err) {
    const failure = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`pnpm hub create-admin failed: ${failure.message}\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { email, name };
}


/**
 * A job that failed for good in the hub's database, the way a mail does when its
 * server keeps refusing it: a separate process (tests/e2e/support/fail-a-job.ts)
 * runs a kind of its own whose handler always throws, with no retries.
 */
export async function failAJob(): Promise<void> {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error('The failed tasks page’s test needs E2E_DATABASE_URL: the Postgres database of the hub under test.');
  await promisify(execFile)('node', ['--import', 'tsx', join(root, 'tests/e2e/support/fail-a-job.ts')], {
    cwd: root,
    timeout: 60_000,
    env: { ...process.env, E2E_DATABASE_URL: databaseUrl }
  });
}
