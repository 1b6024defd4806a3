import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  api,
  apiRoutes,
  buildOpenApiDocument,
  defineRoute,
  fastifyPath,
  contracts,
  problemInfo,
  problemsOf,
  sessionCookieNames
} from '@mutirao/shared';
import { createTestHub, type TestHub } from '../../../../tests/fixtures/harness';
import { API_VERSION } from '../app';
import { conflict, registerErrorHandling } from './errors';
import { route } from './route';
import { isHttpIri } from './iri';

describe('the route contract', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await createTestHub();
  });
  afterAll(() => t.close());

  it('names only problem codes and tags that some contract declares', () => {
    const tags = new Set(contracts.flatMap((c) => Object.keys(c.tags)));
    for (const spec of apiRoutes) {
      expect(tags, spec.operationId).toContain(spec.tag);
      for (const code of problemsOf(spec)) expect(problemInfo(code), `${spec.operationId}: ${code}`).toBeDefined();
    }
  });

  it('registers every operation of the contract, each once, under its own operationId', () => {
    const ids = apiRoutes.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [key, spec] of Object.entries(api)) {
      expect(spec.operationId, key).toBe(key);
      expect(t.app.hasRoute({ method: spec.method, url: `/api${fastifyPath(spec.path)}` }), spec.operationId).toBe(true);
    }
  });

  it('refuses, at start-up, an /api route that bypasses the contract', async () => {
    const app = Fastify();
    app.addHook('onRoute', (r) => {
      if (r.url?.startsWith('/api') && !r.config?.contract) throw new Error(`${r.url} is not registered from the route contract`);
    });
    expect(() => app.get('/api/sneaky', async () => ({}))).toThrow(/not registered from the route contract/);
    await app.close();
  });

  it('serves at /api/docs/json exactly the document the contract produces', async () => {
    const response = await t.request({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(
      buildOpenApiDocument({ version: API_VERSION, cookieName: sessionCookieNames.development, contracts })
    );
  });

  it('documents each operation with an id, a summary, a tag, security, and each problem status it may answer', () => {
    const document = buildOpenApiDocument({ version: API_VERSION, cookieName: 'c', contracts }) as {
      paths: Record<string, Record<string, { operationId: string; summary: string; tags: string[]; security: unknown[]; responses: Record<string, unknown> }>>;
    };
    for (const spec of apiRoutes) {
      const operation = document.paths[`/api${spec.path}`][spec.method.toLowerCase()];
      expect(operation.operationId).toBe(spec.operationId);
      expect(operation.summary.length).toBeGreaterThan(5);
      expect(operation.tags).toEqual([spec.tag]);
      expect(operation.security.length).toBeGreaterThan(0);
      const statuses = new Set(problemsOf(spec).map((code) => String(problemInfo(code)?.status)));
      for (const status of statuses) expect(Object.keys(operation.responses), spec.operationId).toContain(status);
    }
  });

  it('answers 500 when a handler raises a problem its contract does not declare, so the document never promises less', async () => {
    const app = Fastify();
    registerErrorHandling(app, { strictContract: true });
    const spec = defineRoute({
      operationId: 'probe',
      method: 'GET',
      path: '/probe',
      tag: 'hub',
      summary: 'A probe',
      audience: 'public',
      responses: { 200: Type.Object({}) },
      problems: []
    });
    route(app, spec, async () => {
      throw conflict('already_member', 'Already.');
    });
    const response = await app.inject({ method: 'GET', url: '/probe' });
    expect(response.statusCode).toBe(500);
    expect(response.json().code).toBe('internal_error');
    await app.close();
  });
});

describe('requests a client may send', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await createTestHub();
  });
  afterAll(() => t.close());

  it('accepts a bodiless POST that says Content-Type: application/json', async () => {
    const person = await t.createUser();
    const marked = await t.request({
      method: 'POST',
      url: '/api/me/notifications/read',
      cookie: person.cookie,
      headers: { 'content-type': 'application/json' },
      payload: ''
    });
    expect(marked.statusCode, marked.body).toBe(200);
    const signOut = await t.request({ method: 'POST', url: '/api/auth/sign-out', cookie: person.cookie, headers: { 'content-type': 'application/json' } });
    expect(signOut.statusCode, signOut.body).toBe(204);
  });

  it('still refuses broken JSON and JSON prototype poisoning', async () => {
    const person = await t.createUser();
    for (const payload of ['{"ids": [', '{"__proto__": {"admin": true}}']) {
      const response = await t.request({
        method: 'POST',
        url: '/api/me/notifications/read',
        cookie: person.cookie,
        headers: { 'content-type': 'application/json' },
        payload
      });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().code).toBe('malformed_body');
    }
  });

  it('reports a bad nullable field once, not once per alternative', async () => {
    const person = await t.createUser();
    for (const bio of [{ text: 'not a string' }, 'x'.repeat(2001)]) {
      const response = await t.request({ method: 'PATCH', url: '/api/me', cookie: person.cookie, payload: { bio } });
      expect(response.statusCode).toBe(400);
      const fields = response.json().fields as Array<{ field: string; code: string }>;
      expect(fields.filter((f) => f.field === 'body.bio')).toHaveLength(1);
      expect(fields).toHaveLength(1);
    }
  });

  it('takes internationalised web addresses as websites, and refuses what is not one', async () => {
    const applicant = await t.createUser();
    const body = (website: string, name: string) => ({
      name,
      type: 'ngo',
      countries: ['BR'],
      hqCity: 'Recife',
      hqCountry: 'BR',
      website,
      contactEmail: 'contato@example.org',
      description: 'Habitação e moradia.',
      descriptionLocale: 'pt'
    });
    const iri = await t.request({ method: 'POST', url: '/api/organisations', cookie: applicant.cookie, payload: body('https://município.br/habitação', 'Moradia Já') });
    expect(iri.statusCode, iri.body).toBe(201);
    expect(iri.json().organisation.website).toBe('https://município.br/habitação');
    for (const website of ['javascript:alert(1)', 'https://', 'https://user:pass@example.org', 'ftp://example.org', 'https://exa mple.org']) {
      const refused = await t.request({ method: 'POST', url: '/api/organisations', cookie: applicant.cookie, payload: body(website, 'Outra Organização') });
      expect(refused.statusCode, website).toBe(400);
      expect(refused.json().fields).toEqual([expect.objectContaining({ field: 'body.website' })]);
    }
  });
});

describe('isHttpIri', () => {
  it('accepts http(s) addresses with accents in the host or path', () => {
    expect(isHttpIri('https://münchen.de/straße')).toBe(true);
    expect(isHttpIri('http://example.org')).toBe(true);
  });
  it('refuses other schemes, credentials, spaces and control characters', () => {
    for (const value of ['mailto:a@example.org', 'https://a:b@example.org', 'https://example.org/a b', 'https://example.org/\u0000', 'https://localhost']) {
      expect(isHttpIri(value), value).toBe(false);
    }
  });
});
