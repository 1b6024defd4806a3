import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { users } from '@mutirao/db';
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
  it('fills an empty hub once, printing credentials that sign in', async () => {
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

    const [{ n }] = await t.hub.db.select({ n: count() }).from(users);
    expect(await seedDemoIfEmpty(t.hub, () => {})).toBe(false);
    const [{ n: after }] = await t.hub.db.select({ n: count() }).from(users);
    expect(after).toBe(n);
  });
});
