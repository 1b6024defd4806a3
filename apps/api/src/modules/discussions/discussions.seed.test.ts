import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, posts, threads } from '@mutirao/db';
import { createDemoPeople } from '../../../../../tests/fixtures/demo-people';
import { createTestHub, type TestHub } from '../../../../../tests/fixtures/harness';
import { seedDemoDiscussions } from './discussions.seed';

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
  const people = await createDemoPeople(t.hub);
  await seedDemoDiscussions(t.hub, people);
  await t.hub.search.drain();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo discussions', () => {
  it('has about 40 threads in es, pt and en across themes, solved and open, with replies, reactions and mentions', async () => {
    const rows = await t.hub.db.select().from(threads);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.language))).toEqual(new Set(['es', 'pt', 'en']));
    expect(new Set(rows.map((r) => r.theme)).size).toBeGreaterThanOrEqual(14);
    expect(rows.filter((r) => r.acceptedPostId).length).toBeGreaterThanOrEqual(15);
    expect(rows.filter((r) => r.kind === 'question' && !r.acceptedPostId).length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.kind === 'discussion').length).toBeGreaterThanOrEqual(8);
    const all = await t.hub.db.select().from(posts);
    expect(all.some((p) => p.helpfulCount > 1)).toBe(true);
    expect(all.some((p) => p.bodyHtml.includes('href="/people/'))).toBe(true);
    const kinds = new Set((await t.hub.db.select().from(notifications)).map((n) => n.kind));
    expect(kinds).toEqual(new Set(['discussion.reply', 'discussion.mention', 'discussion.accepted']));
  });

  it('spreads last activity over weeks, newest first in the list, and the search finds the threads', async () => {
    const list = (await t.request({ method: 'GET', url: '/api/threads?limit=50' })).json().items as Array<{ lastActivityAt: string; pinned: boolean }>;
    const unpinned = list.filter((i) => !i.pinned).map((i) => i.lastActivityAt);
    expect(unpinned).toEqual([...unpinned].sort().reverse());
    const days = (Date.parse(unpinned[0]) - Date.parse(unpinned[unpinned.length - 1])) / 86_400_000;
    expect(days).toBeGreaterThan(20);
    const found = (await t.request({ method: 'GET', url: '/api/threads/search?q=favelas' })).json();
    expect(found.total).toBeGreaterThanOrEqual(1);
  });
});
