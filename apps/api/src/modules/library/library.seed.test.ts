import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceFiles, resources } from '@mutirao/db';
import { createDemoPeople } from '../../../../../tests/fixtures/demo-people';
import { createTestHub, type TestHub } from '../../../../../tests/fixtures/harness';
import { seedDemoLibrary } from './library.seed';

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
  const people = await createDemoPeople(t.hub);
  await seedDemoLibrary(t.hub, people);
  await t.hub.search.drain();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('demo library', () => {
  it('has about 60 resources in three languages across types, themes and countries, some waiting for review', async () => {
    const rows = await t.hub.db.select().from(resources);
    expect(rows.length).toBe(60);
    expect(new Set(rows.flatMap((r) => r.languages))).toEqual(new Set(['es', 'pt', 'en']));
    expect(new Set(rows.map((r) => r.type)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.flatMap((r) => r.countries)).size).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.status === 'pending').length).toBeGreaterThanOrEqual(3);
    const files = await t.hub.db.select().from(resourceFiles);
    expect(files.every((f) => f.extraction === 'done' && (f.extractedText ?? '').length > 50)).toBe(true);
  });

  it('is searchable by words that are only inside the generated PDFs', async () => {
    const response = await t.request({ method: 'GET', url: '/api/library/resources?q=presupuesto%20municipal' });
    expect(response.json().total).toBeGreaterThan(5);
  });
});
