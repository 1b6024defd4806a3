import { readFile, rm, writeFile } from 'node:fs/promises';

/**
 * Takes a lock file naming this process, for embedded servers that must have a
 * single owner (PGlite's data directory, the embedded Meilisearch's). A stale
 * lock, whose process is gone, is taken over; a live owner is refused with the
 * message `refusal(pid)`. Returns the release function.
 */
export async function lockFile(path: string, refusal: (ownerPid: number) => string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && processIsAlive(owner)) {
      throw new Error(refusal(owner));
    }
    await rm(path, { force: true });
  }
  throw new Error(`Could not take the lock ${path}.`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
