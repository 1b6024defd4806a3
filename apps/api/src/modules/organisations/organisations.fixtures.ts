import { expect } from 'vitest';
import { count } from 'drizzle-orm';
import { organisationInvitations, organisationJoinRequests, organisationMembers, organisations } from '@mutirao/db';
import type { TestHub, TestUser } from '../../../../../tests/fixtures/harness';

export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64'
);
export const CLEAN_SVG = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#0a6"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/><use href="#g"/></svg>'
);

export interface DirectoryPage {
  items: Array<{ name: string; slug: string; countries: string[]; type: string }>;
  total: number;
  totalPages: number;
  facets: { country: Record<string, number>; type: Record<string, number>; theme: Record<string, number> };
  membersByCountry: Record<string, number>;
  processingTimeMs: number;
}

export function multipart(field: string, filename: string, contentType: string, content: Buffer) {
  const boundary = `----mutirao${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }
  };
}

/**
 * Factories for the organisation tests, acting through the API as people would.
 * `context` is read at call time, so a test file can build its hub in beforeAll.
 */
export function organisationFixtures(context: () => { t: TestHub; coordinator: TestUser }) {
  let seq = 0;
  const application = (overrides: Record<string, unknown> = {}) => ({
    name: `Colectivo Hábitat ${++seq}`,
    type: 'ngo',
    countries: ['BR', 'AR'],
    hqCity: 'Recife',
    hqCountry: 'BR',
    website: 'https://habitat.example.org',
    contactEmail: 'contato@habitat.example.org',
    description: 'Assessoria técnica para moradia autoconstruída nas periferias.',
    descriptionLocale: 'pt',
    themes: ['incremental_housing', 'land_tenure'],
    foundedYear: 2004,
    ...overrides
  });

  async function apply(user: TestUser, overrides: Record<string, unknown> = {}) {
    const { t } = context();
    const response = await t.request({ method: 'POST', url: '/api/organisations', cookie: user.cookie, payload: application(overrides) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().organisation as { id: string; slug: string; name: string; status: string };
  }

  async function decide(slug: string, decision: 'approve' | 'reject' | 'suspend' | 'reinstate', reason?: string) {
    const { t, coordinator } = context();
    const response = await t.request({
      method: 'POST',
      url: `/api/admin/organisations/${slug}/${decision}`,
      cookie: coordinator.cookie,
      payload: reason ? { reason } : undefined
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().organisation;
  }

  /** An approved organisation and its first admin (the applicant). */
  async function approvedOrganisation(overrides: Record<string, unknown> = {}) {
    const admin = await context().t.createUser({ name: 'Ana Admin' });
    const org = await apply(admin, overrides);
    await decide(org.slug, 'approve');
    return { org, admin };
  }

  const profile = (slug: string, cookie?: string) => context().t.request({ method: 'GET', url: `/api/organisations/${slug}`, cookie });

  async function directory(query: string): Promise<DirectoryPage> {
    const response = await context().t.request({ method: 'GET', url: `/api/organisations?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  type Counted = typeof organisations | typeof organisationMembers | typeof organisationJoinRequests | typeof organisationInvitations;
  const rowCount = async (table: Counted) => (await context().t.hub.db.select({ n: count() }).from(table))[0].n;

  function uploadLogo(slug: string, cookie: string | undefined, file: { name: string; type: string; bytes: Buffer }) {
    const body = multipart('logo', file.name, file.type, file.bytes);
    return context().t.request({ method: 'POST', url: `/api/organisations/${slug}/logo`, cookie, ...body });
  }

  return { application, apply, decide, approvedOrganisation, profile, directory, rowCount, uploadLogo };
}
