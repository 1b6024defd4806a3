import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { organisations, resources, users } from '@mutirao/db';
import { createTestHub, type TestHub } from '../../../../tests/fixtures/harness';
import { seedDemoIfEmpty } from './seed';

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
});
afterAll(async () => {
  await t?.close();
});

describe('demo seed', () => {
  // Every domain's demo runs through its services (the library's extracts 60 PDFs): on two
  // shared cores with the rest of the suite it takes well over the default 30 s.
  it("fills an empty hub once with every domain's demo content, printing credentials that sign in", { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    expect(await seedDemoIfEmpty(t.hub, (line) => lines.push(line))).toBe(true);
    const saved = JSON.parse(await readFile(join(t.config.dataDir, 'demo-credentials.json'), 'utf8')) as Array<{
      role: string;
      email: string;
      password: string;
    }>;
    expect(saved.map((c) => c.role).sort()).toEqual(['coordinator', 'member']);
    for (const credential of saved) {
      expect(lines.join('\n')).toContain(credential.password);
      const signIn = await t.request({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: credential.email, password: credential.password }
      });
      expect(signIn.statusCode).toBe(200);
      expect(signIn.json().user.role).toBe(credential.role);
    }

    // The domains' seeders (from the registry) ran too, and what they made reaches the directory.
    const [{ orgs }] = await t.hub.db.select({ orgs: count() }).from(organisations);
    expect(orgs).toBeGreaterThan(0);
    const [{ library }] = await t.hub.db.select({ library: count() }).from(resources);
    expect(library).toBeGreaterThan(0);
    await t.hub.search.drain();
    const directory = await t.request({ method: 'GET', url: '/api/organisations' });
    expect(directory.json().total).toBeGreaterThan(0);

    const [{ n }] = await t.hub.db.select({ n: count() }).from(users);
    expect(await seedDemoIfEmpty(t.hub, () => {})).toBe(false);
    const [{ n: after }] = await t.hub.db.select({ n: count() }).from(users);
    expect(after).toBe(n);
  });
});
