// Fails when db/schema has changes that no committed migration covers, i.e.
// someone edited the drizzle schema and forgot `pnpm db:generate --name …`.
//
// drizzle-kit 0.31 has no "is it current?" command (`drizzle-kit check` only
// checks the migration files against each other), so this runs `generate`
// against a copy of db/migrations in a temporary folder, with the project's own
// drizzle config, and expects it to find nothing to do.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const committed = join(root, 'db/migrations');
const scratch = mkdtempSync(join(tmpdir(), 'mutirao-migrations-'));

function listFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]
  );
}

try {
  const copy = join(scratch, 'migrations');
  cpSync(committed, copy, { recursive: true });
  // drizzle-kit 0.31 prefixes `out` with "./", so it must be relative to the working directory.
  const config = join(scratch, 'drizzle.config.mjs');
  writeFileSync(
    config,
    `import base from ${JSON.stringify(pathToFileURL(join(root, 'db/drizzle.config.ts')).href)};\n` +
      `export default { ...base, out: ${JSON.stringify(relative(root, copy))} };\n`
  );
  const drizzleKit = join(root, 'node_modules/.bin/drizzle-kit');
  const run = spawnSync(drizzleKit, ['generate', '--config', config, '--name', 'pending_schema_changes'], {
    encoding: 'utf8'
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  // drizzle-kit reports some failures (a bad path, a broken schema) with exit code 0.
  if (run.status !== 0 || /\bError:/.test(output)) {
    console.error(output);
    console.error('drizzle-kit generate failed; see above.');
    process.exit(1);
  }
  const before = listFiles(committed).sort();
  const after = listFiles(copy).sort();
  const changed = after.filter(
    (file) => !before.includes(file) || readFileSync(join(copy, file), 'utf8') !== readFileSync(join(committed, file), 'utf8')
  );
  if (changed.length > 0) {
    console.error(
      'db/schema has changes that no committed migration covers. drizzle-kit would write:\n' +
        changed.map((file) => `  db/migrations/${file}`).join('\n') +
        '\nRun `pnpm db:generate --name <what changed>` and commit the result.'
    );
    process.exit(1);
  }
  console.log(`Migrations are current (${before.filter((f) => f.endsWith('.sql')).length} committed).`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
