import { expect } from 'vitest';
import { minimalPdf } from '@mutirao/db/seed/pdf';
import type { TestHub, TestUser } from '../../../../../tests/fixtures/harness';
import { multipart } from '../organisations/organisations.fixtures';

export { minimalPdf };

/** Factories for the library tests, acting through the API as people would. */
export function libraryFixtures(context: () => { t: TestHub; coordinator: TestUser }) {
  let seq = 0;
  const body = (overrides: Record<string, unknown> = {}) => ({
    title: `Informe de vivienda ${++seq}`,
    summary: 'Un resumen **breve** del documento.',
    type: 'report',
    themes: ['social_housing'],
    countries: ['CO'],
    languages: ['es'],
    year: 2023,
    authors: ['Ana María Pérez'],
    publisherName: 'Observatorio Urbano',
    licence: 'cc-by-4.0',
    ...overrides
  });

  async function create(person: TestUser, overrides: Record<string, unknown> = {}) {
    const { t } = context();
    const response = await t.request({ method: 'POST', url: '/api/library/resources', cookie: person.cookie, payload: body(overrides) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().resource as { id: string; slug: string; status: string; title: string };
  }

  async function upload(person: TestUser, slug: string, filename: string, bytes: Buffer, type = 'application/pdf', query = '') {
    const { t } = context();
    const form = multipart('file', filename, type, bytes);
    return t.request({ method: 'POST', url: `/api/library/resources/${slug}/files${query}`, cookie: person.cookie, ...form });
  }

  async function step(person: TestUser | undefined, slug: string, action: 'submit' | 'publish' | 'request-changes' | 'reject', note?: string) {
    const { t } = context();
    return t.request({
      method: 'POST',
      url: `/api/library/resources/${slug}/${action}`,
      cookie: person?.cookie,
      ...(note !== undefined && { payload: { note } })
    });
  }

  /** A resource created by `person`, submitted, and published by the coordinator. */
  async function published(person: TestUser, overrides: Record<string, unknown> = {}, pdf?: { text: string[] }) {
    const resource = await create(person, overrides);
    if (pdf) {
      const response = await upload(person, resource.slug, 'documento.pdf', minimalPdf(String(overrides.title ?? resource.title), pdf.text));
      expect(response.statusCode, response.body).toBe(201);
    }
    expect((await step(person, resource.slug, 'submit')).statusCode).toBe(200);
    const done = await step(context().coordinator, resource.slug, 'publish');
    expect(done.statusCode, done.body).toBe(200);
    return resource;
  }

  async function search(query: string) {
    const { t } = context();
    const response = await t.request({ method: 'GET', url: `/api/library/resources?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      items: Array<{ slug: string; title: Array<{ text: string; match: boolean }>; snippet: Array<{ text: string; match: boolean }>; snippetFrom: string }>;
      total: number;
      totalIsEstimate: boolean;
      hasNext: boolean;
      page: number;
      totalPages: number;
      facets: Record<string, Record<string, number>>;
    };
  }

  return { body, create, upload, step, published, search };
}
