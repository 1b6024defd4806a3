import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../../../../tests/fixtures/harness';
import { eq } from 'drizzle-orm';
import { rateLimitHits } from '@mutirao/db';
import { countRateLimitHit, pruneRateLimitHits } from './rate-limit.repo';
import { API_BRIDGE, exposeApiToWeb, type ApiBridge } from './web-bridge';

/**
 * The hub's network-facing rules: which Host names it answers (DNS rebinding),
 * which origins may change things (CSRF, compared whole), who may read the
 * development mail, and per-IP limits shared by every process.
 */

let dev: TestHub;
let production: TestHub;
beforeAll(async () => {
  dev = await createTestHub({ AUTH_RATE_LIMIT: '3' });
  production = await createTestHub({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://hub.example.org' });
});
afterAll(async () => {
  await dev?.close();
  await production?.close();
});

const get = (t: TestHub, url: string, host: string, extra: Record<string, string | number> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { host }, ...extra });

/** A state-changing request that needs no session and changes nothing without one. */
const signOutFrom = (t: TestHub, origin: string | undefined, host: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { host, ...(origin ? { origin } : {}) } });

/** A real HTTP request, with whatever Host header a browser fooled by DNS rebinding would send. */
function rawGet(port: number, path: string, host: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host check', () => {
  it('refuses API requests for another host name with a 421 problem', async () => {
    for (const host of ['evil.example', 'evil.example:3000', 'localhost:4000', 'localhost', '127.0.0.2:3000', 'localhost:3000@evil.example']) {
      const response = await get(dev, '/api/me', host);
      expect(response.statusCode, host).toBe(421);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('unknown_host');
    }
  });

  it('answers the public origin’s host and, outside production, the loopback names on the hub’s port', async () => {
    for (const host of ['localhost:3000', 'LOCALHOST:3000', '127.0.0.1:3000', '[::1]:3000']) {
      expect((await get(dev, '/api/me', host)).statusCode, host).toBe(401);
    }
  });

  it('answers a page request for another host with a short text in the three languages', async () => {
    const response = await get(dev, '/organisations', 'evil.example:3000');
    expect(response.statusCode).toBe(421);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('Mutirão no responde en esta dirección');
    expect(response.body).toContain('O Mutirão não responde neste endereço');
    expect(response.body).toContain('Mutirão does not answer at this address');
  });

  it('refuses the development mail viewer to another host name, so a rebound page cannot read it', async () => {
    expect((await get(dev, '/dev/mail.json', 'evil.example:3000')).statusCode).toBe(421);
  });

  it('lets health checks by IP address through', async () => {
    const response = await get(production, '/api/health', '10.0.0.3:3000');
    expect([200, 503]).toContain(response.statusCode);
  });

  it('in production answers only the public origin’s host', async () => {
    expect((await get(production, '/api/me', 'hub.example.org')).statusCode).toBe(401);
    expect((await get(production, '/api/me', 'hub.example.org:443')).statusCode).toBe(401);
    for (const host of ['localhost:3000', '127.0.0.1:3000', 'hub.example.org:3000', 'evil.example']) {
      expect((await get(production, '/api/me', host)).statusCode, host).toBe(421);
    }
  });

  it('checks the Host over real connections too, on the port the server actually listens on', async () => {
    await dev.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = dev.app.server.address() as AddressInfo;
    expect((await rawGet(port, '/api/me', `127.0.0.1:${port}`)).status).toBe(401);
    expect((await rawGet(port, '/api/me', `localhost:${port}`)).status).toBe(401);
    const rebound = await rawGet(port, '/api/me', `attacker.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.type).toContain('application/problem+json');
  });
});

describe('Origin check (CSRF)', () => {
  it('compares the whole origin: another scheme or port is refused even on the hub’s host', async () => {
    for (const origin of ['https://localhost:3000', 'http://localhost:3001', 'http://localhost', 'null', 'http://localhost:3000/', undefined]) {
      const response = await signOutFrom(dev, origin, 'localhost:3000');
      expect(response.statusCode, String(origin)).toBe(403);
      expect(response.json().code).toBe('cross_origin_refused');
    }
  });

  it('accepts the public origin and, outside production, its loopback aliases on the same port', async () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      expect((await signOutFrom(dev, origin, '127.0.0.1:3000')).statusCode, origin).toBe(204);
    }
  });

  it('in production accepts only the public origin', async () => {
    expect((await signOutFrom(production, 'https://hub.example.org', 'hub.example.org')).statusCode).toBe(204);
    for (const origin of ['http://hub.example.org', 'https://hub.example.org:8443', 'http://localhost:3000', 'http://127.0.0.1:3000']) {
      expect((await signOutFrom(production, origin, 'hub.example.org')).statusCode, origin).toBe(403);
    }
  });

  it('gives the pages (through the web bridge) the same rule, and the bridge passes both checks', async () => {
    const globals = globalThis as Record<symbol, ApiBridge | undefined>;
    const previous = globals[API_BRIDGE];
    try {
      exposeApiToWeb(dev.app);
      const bridge = globals[API_BRIDGE]!;
      expect(bridge.isOwnOrigin('http://127.0.0.1:3000')).toBe(true);
      expect(bridge.isOwnOrigin('http://localhost:3001')).toBe(false);
      expect(bridge.isOwnOrigin(null)).toBe(false);
      // What apps/web/src/lib/server/api.ts sends: the page URL's origin and host.
      const response = await bridge.inject({
        method: 'POST',
        url: '/api/auth/sign-out',
        headers: { origin: 'http://localhost:3000', host: 'localhost:3000' }
      });
      expect(response.statusCode).toBe(204);

      exposeApiToWeb(production.app);
      expect(globals[API_BRIDGE]!.isOwnOrigin('http://127.0.0.1:3000')).toBe(false);
      expect(globals[API_BRIDGE]!.isOwnOrigin('https://hub.example.org')).toBe(true);
    } finally {
      globals[API_BRIDGE] = previous;
    }
  });
});

describe('development mail viewer', () => {
  it('answers only clients on this machine', async () => {
    for (const url of ['/dev/mail', '/dev/mail.json']) {
      for (const remoteAddress of ['203.0.113.5', '10.0.0.2', '::ffff:192.168.1.4']) {
        const response = await get(dev, url, 'localhost:3000', { remoteAddress });
        expect(response.statusCode, `${url} from ${remoteAddress}`).toBe(403);
        expect(response.json().code).toBe('loopback_only');
      }
      for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        expect((await get(dev, url, 'localhost:3000', { remoteAddress })).statusCode, `${url} from ${remoteAddress}`).toBe(200);
      }
    }
  });

  it('does not exist in production', async () => {
    expect((await get(production, '/dev/mail.json', 'hub.example.org')).statusCode).toBe(404);
    expect((await get(production, '/dev/mail', 'hub.example.org')).statusCode).toBe(404);
  });
});

describe('per-IP rate limits', () => {
  it('are shared by two processes on one database', async () => {
    const peer = await dev.peer();
    const ask = (app: typeof peer, remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/request',
        headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
        remoteAddress,
        payload: { email: 'nobody@example.org' }
      });
    // AUTH_RATE_LIMIT is 3 a minute here: two requests to each process make four.
    const statuses = [];
    for (const app of [dev.app, peer, dev.app, peer]) statuses.push((await ask(app, '198.51.100.7')).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const refused = await ask(peer, '198.51.100.7');
    expect(refused.json().code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address has its own count.
    expect((await ask(peer, '198.51.100.8')).statusCode).toBe(202);
  });

  it('drop counters whose window is over, keeping live ones', async () => {
    await countRateLimitHit(dev.hub.db, 'test old', 60_000);
    await countRateLimitHit(dev.hub.db, 'test live', 60_000);
    await dev.hub.db.update(rateLimitHits).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(rateLimitHits.key, 'test old'));
    // An expired window starts over rather than counting on.
    expect((await countRateLimitHit(dev.hub.db, 'test old', 60_000)).current).toBe(1);
    await dev.hub.db.update(rateLimitHits).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(rateLimitHits.key, 'test old'));
    await pruneRateLimitHits(dev.hub.db);
    const keys = (await dev.hub.db.select({ key: rateLimitHits.key }).from(rateLimitHits)).map((r) => r.key);
    expect(keys).toContain('test live');
    expect(keys).not.toContain('test old');
  });
});

describe('security headers', () => {
  // Framing, opener and the like mean something on a document only: data, images and
  // scripts leave them off (each copy is bytes on every request of a page), and keep
  // the ones that protect any response.
  it('sends the document-only headers on HTML and leaves them off everything else', async () => {
    const host = new URL(dev.config.publicOrigin).host;
    const json = await get(dev, '/api/health', host);
    expect(json.statusCode).toBe(200);
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    expect(json.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(json.headers['referrer-policy']).toBeDefined();
    for (const name of ['x-frame-options', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection', 'x-dns-prefetch-control']) {
      expect(json.headers[name], name).toBeUndefined();
    }
    const html = await get(dev, '/api/docs/', host);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(html.headers['cross-origin-opener-policy']).toBe('same-origin');
  });
});
