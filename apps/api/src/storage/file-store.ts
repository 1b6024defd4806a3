import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Where uploaded files live, by key ("logos/<id>-<version>/128.webp"). Services
 * see only this interface: a local folder today; an S3-compatible store can
 * implement the same three calls later without touching them.
 */
export interface FileStore {
  readonly kind: 'local';
  /** Writes the bytes under the key, replacing what was there. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the key; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are relative paths of plain segments: no "..", no absolute paths, nothing a URL or a shell would read twice. */
const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

export function isValidKey(key: string): boolean {
  return KEY.test(key) && !key.split('/').some((segment) => segment === '.' || segment === '..') && key.length <= 300;
}

function checked(key: string): string {
  if (!isValidKey(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  return key;
}

/** Files under `root` (UPLOADS_DIR), one per key. */
export function createLocalFileStore(folder: string): FileStore {
  const root = resolve(folder);
  const path = (key: string) => join(root, ...checked(key).split('/'));
  return {
    kind: 'local',
    async put(key, bytes) {
      const target = path(key);
      await mkdir(dirname(target), { recursive: true });
      // Write then rename: a reader never sees half a file, even if the process dies mid-write.
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, bytes, { mode: 0o644 });
      await rename(temporary, target);
    },
    async get(key) {
      if (!isValidKey(key)) return undefined;
      try {
        return await readFile(path(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      const target = path(key);
      await rm(target, { force: true });
      // Folders emptied by the delete go too, so keys that share a prefix (a logo's sizes) leave nothing behind.
      for (let dir = dirname(target); dir !== root && dir.startsWith(root); dir = dirname(dir)) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
      }
    }
  };
}
