import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../config';
import { createDatabase } from '@mutirao/db';
import { startRuntime, type Runtime } from '../runtime';
import { createVerifiedUser } from '../modules/accounts/accounts.service';
import { findUserByEmail, updateUser } from '../modules/accounts/accounts.repo';
import { seedDemo } from './seed';
import { installJobSchema } from '../jobs/runner';
import { backupCommand, restoreCommand } from './backup.command';

const usage = `Usage: pnpm hub <command>

Commands:
  create-admin --email E --name N [--country XX] [--password P]
                      Make an admin (an existing account is promoted); prints a
                      generated password when none is given
  seed                Add the demo content (coordinator, member, organisations…)
  migrate             Apply the database migrations (the job queue's tables included)
  reindex             Rebuild every search index from Postgres
  backup <file>       Write the database and the uploaded files to one .tar.gz
  restore <file> [--replace] [--no-reindex]
                      Load a backup into an empty database and uploads folder
                      (--replace empties them first), then rebuild search
`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return;
  }
  const config = loadConfig();
  const log = pino({ level: 'warn' });
  if (command === 'backup' || command === 'restore') {
    // They open the database themselves: a restore must find it as it is, unmigrated.
    process.exitCode = await (command === 'backup' ? backupCommand : restoreCommand)(config, log, rest);
    return;
  }
  // Account and schema commands need only the database, so they also run beside
  // a hub that is serving (on PostgreSQL); seed and reindex need search too.
  const needsSearch = command === 'seed' || command === 'reindex';
  const runtime = needsSearch ? await startRuntime(config, log) : await openDatabaseOnly(config);
  try {
    switch (command) {
      case 'migrate':
        // pg-boss keeps its own tables; the server installs them at start, this lets an operator do it ahead.
        if ('database' in runtime) await installJobSchema(runtime.database);
        console.log('Migrations applied.');
        break;
      case 'seed': {
        const full = runtime as Runtime;
        await seedDemo(full, console.log);
        await full.search.drain();
        break;
      }
      case 'reindex': {
        await (runtime as Runtime).search.reindex();
        console.log('Search indexes rebuilt from Postgres.');
        break;
      }
      case 'create-admin': {
        const { values } = parseArgs({
          args: rest,
          options: {
            email: { type: 'string' },
            name: { type: 'string' },
            country: { type: 'string', default: 'BR' },
            password: { type: 'string' }
          }
        });
        if (!values.email) throw new Error('--email is required');
        const existing = await findUserByEmail(runtime.db, values.email);
        if (existing) {
          // The CLI acts with the authority of whoever runs the server: no actor check here.
          await updateUser(runtime.db, existing.id, { role: 'admin', emailVerifiedAt: existing.emailVerifiedAt ?? new Date() });
          console.log(`${values.email} is now an admin.`);
        } else {
          if (!values.name) throw new Error('--name is required for a new account');
          const password = values.password ?? randomBytes(12).toString('base64url');
          await createVerifiedUser(runtime, {
            name: values.name,
            email: values.email,
            password,
            role: 'admin',
            locale: 'es',
            country: values.country ?? 'BR'
          });
          console.log(`Admin ${values.email} created.${values.password ? '' : ` Password: ${password}`}`);
        }
        break;
      }
      default:
        console.error(`Unknown command: ${command}\n\n${usage}`);
        process.exitCode = 2;
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}

async function openDatabaseOnly(config: ReturnType<typeof loadConfig>) {
  const database = await createDatabase({
    url: config.database.url,
    pgliteDir: config.database.pgliteDir,
    poolSize: 2
  });
  await database.migrate();
  return { db: database.db, database, close: () => database.close() };
}

void main();
