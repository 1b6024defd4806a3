import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalFileStore, isValidKey, type FileStore } from './file-store';

let root: string;
let store: FileStore;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mutirao-files-'));
  store = createLocalFileStore(join(root, 'uploads'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('local file store', () => {
  it('puts, gets, replaces and deletes by key', async () => {
    await store.put('logos/abc-1/64.webp', Buffer.from('first'));
    expect((await store.get('logos/abc-1/64.webp'))?.toString()).toBe('first');
    await store.put('logos/abc-1/64.webp', Buffer.from('second'));
    expect((await store.get('logos/abc-1/64.webp'))?.toString()).toBe('second');
    // No temporary file is left beside it.
    expect(await readdir(join(root, 'uploads', 'logos', 'abc-1'))).toEqual(['64.webp']);
    await store.put('logos/abc-1/128.webp', Buffer.from('other size'));
    await store.delete('logos/abc-1/64.webp');
    expect(await store.get('logos/abc-1/64.webp')).toBeUndefined();
    expect((await store.get('logos/abc-1/128.webp'))?.toString()).toBe('other size');
    // The last key of a folder takes the emptied folders with it, never the store's own.
    await store.delete('logos/abc-1/128.webp');
    expect(await readdir(join(root, 'uploads'))).toEqual([]);
    await expect(store.delete('logos/abc-1/64.webp')).resolves.toBeUndefined();
  });

  it('refuses keys that could leave its folder', async () => {
    for (const key of ['../outside', 'logos/../../etc/passwd', '/etc/passwd', 'a//b', 'logos/.', '', 'a b', 'a\\b']) {
      expect(isValidKey(key), key).toBe(false);
      await expect(store.put(key, Buffer.from('x')), key).rejects.toThrow(/invalid storage key/);
      expect(await store.get(key)).toBeUndefined();
    }
    expect(await readdir(root)).toEqual(['uploads']);
  });
});
