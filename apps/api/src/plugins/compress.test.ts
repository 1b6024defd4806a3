import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../../../../tests/fixtures/harness';
import { mountWeb, type WebHandler } from './web';
import { registerCompression } from './compress';

const decode: Record<string, (body: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
});
afterAll(async () => {
  await t?.close();
});

describe('API responses', () => {
  it.each(['br', 'gzip'])('come back %s-encoded when asked, and decode to the same bytes', async (encoding) => {
    const url = '/api/docs/json';
    const plain = await t.request({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const packed = await t.request({ method: 'GET', url, headers: { 'accept-encoding': `${encoding}, identity;q=0.5` } });
    expect(packed.statusCode).toBe(200);
    expect(packed.headers['content-encoding']).toBe(encoding);
    expect(String(packed.headers.vary)).toMatch(/accept-encoding/i);
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(decode[encoding](packed.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('compresses JSON made from the database (my organisations)', async () => {
    const user = await t.createUser();
    // The list of someone's applications, long enough to be worth compressing.
    for (let i = 0; i < 8; i++) {
      const applied = await t.request({
        method: 'POST',
        url: '/api/organisations',
        cookie: user.cookie,
        payload: {
          name: `Asociación Barrial Número ${i}`,
          type: 'community_based',
          countries: ['PY'],
          hqCity: 'Asunción',
          hqCountry: 'PY',
          contactEmail: 'vecinos@example.org',
          description: 'Organización de vecinos que acompaña la regularización de la tenencia del suelo.',
          descriptionLocale: 'es',
          themes: ['land_tenure']
        }
      });
      expect(applied.statusCode, applied.body).toBe(201);
    }
    const url = '/api/me/organisations';
    const plain = await t.request({ method: 'GET', url, cookie: user.cookie, headers: { 'accept-encoding': 'identity' } });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const packed = await t.request({ method: 'GET', url, cookie: user.cookie, headers: { 'accept-encoding': 'gzip' } });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(packed.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('leaves tiny bodies alone', async () => {
    const health = await t.request({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(health.rawPayload.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});

describe('pages from the web handler', () => {
  const page = `<!doctype html><html lang="es"><body>${'<article class="card"><h2>Organización</h2><p>Vivienda social</p></article>'.repeat(80)}</body></html>`;
  const asset = Buffer.from('already brotli bytes');
  // Stands in for SvelteKit's handler: a rendered page, and a hashed asset the adapter
  // serves precompressed with its year-long caching.
  const handler: WebHandler = (req, res, next) => {
    if (req.url === '/organisations') {
      res.setHeader('content-type', 'text/html');
      res.end(page);
    } else if (req.url === '/_app/immutable/entry/start.abc123.js') {
      res.setHeader('content-type', 'text/javascript');
      res.setHeader('content-encoding', 'br');
      res.setHeader('cache-control', 'public,max-age=31536000,immutable');
      res.end(asset);
    } else if (req.url === '/tiny') {
      res.setHeader('content-type', 'text/html');
      res.end('<p>ok</p>');
    } else next();
  };
  const app = Fastify();
  beforeAll(async () => {
    await registerCompression(app);
    mountWeb(app, handler);
    await app.ready();
  });
  afterAll(() => app.close());

  it.each(['br', 'gzip'])('come back %s-encoded when asked, and decode to the same bytes', async (encoding) => {
    const plain = await app.inject({ url: '/organisations' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(page);
    const packed = await app.inject({ url: '/organisations', headers: { 'accept-encoding': encoding } });
    expect(packed.headers['content-encoding']).toBe(encoding);
    expect(String(packed.headers.vary)).toMatch(/accept-encoding/i);
    expect(packed.rawPayload.length).toBeLessThan(page.length / 10);
    expect(decode[encoding](packed.rawPayload).toString('utf8')).toBe(page);
  });

  it('keeps a precompressed hashed asset as it is, with its year-long caching', async () => {
    const response = await app.inject({ url: '/_app/immutable/entry/start.abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public,max-age=31536000,immutable');
    expect(response.rawPayload.equals(asset)).toBe(true);
  });

  it('leaves tiny pages alone', async () => {
    const response = await app.inject({ url: '/tiny', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe('<p>ok</p>');
  });
});
