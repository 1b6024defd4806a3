import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from './client';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the embedded database', () => {
  it('refuses a second opener while the first holds it, and opens again once closed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mutirao-pglite-'));
    dirs.push(dir);
    const pgliteDir = join(dir, 'pglite');
    const first = await createDatabase({ pgliteDir });
    await first.migrate();
    // The lock names a live process (the test runner's parent), as a running hub would.
    await writeFile(`${pgliteDir}.lock`, `${process.ppid}\n`);
    await expect(createDatabase({ pgliteDir })).rejects.toThrow(/in use by another process.*DATABASE_URL/s);
    await first.close();

    const second = await createDatabase({ pgliteDir });
    await second.ping();
    await second.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mutirao-pglite-'));
    dirs.push(dir);
    const pgliteDir = join(dir, 'pglite');
    await writeFile(`${pgliteDir}.lock`, '999999999\n');
    const database = await createDatabase({ pgliteDir });
    await database.ping();
    await database.close();
  });
});
