import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { sessions } from '@mutirao/db';
import { createTestHub, ORIGIN, sessionCookieFrom, type TestHub } from '../../../../tests/fixtures/harness';
import { API_BRIDGE, exposeApiToWeb, type ApiBridge, type RenderScope } from '../plugins/web-bridge';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let t: TestHub;
beforeAll(async () => {
  t = await createTestHub();
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The session cookie a response sets (or clears), parsed: `{ value, path, expires, httponly, … }`. */
function sessionCookie(response: LightMyRequestResponse, name = 'mutirao_session'): Record<string, string> | undefined {
  const raw = response.headers['set-cookie'];
  const list = (Array.isArray(raw) ? raw : raw ? [String(raw)] : []).map(String);
  const header = list.find((c) => c.startsWith(`${name}=`));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const parsed: Record<string, string> = { value: pair.slice(name.length + 1) };
  for (const attribute of attributes) {
    const [key, ...rest] = attribute.split('=');
    parsed[key.toLowerCase()] = rest.join('=') || 'yes';
  }
  return parsed;
}

const me = (cookie: string) => t.request({ method: 'GET', url: '/api/me', cookie });
const mySessions = async (cookie: string) =>
  (await t.request({ method: 'GET', url: '/api/me/sessions', cookie })).json().items as Array<{
    id: string;
    userAgent: string | null;
    ip: string | null;
    expiresAt: string;
    current: boolean;
  }>;
const idOf = (cookie: string) => cookie.split('=')[1].split('.')[0];

/** Moves the clock (Date only: timers and the database keep running) to `at`. */
function clockAt(at: number) {
  vi.useFakeTimers({ toFake: ['Date'], now: at });
}

describe('signing in', () => {
  it('sets a cookie of two random base32 halves: HttpOnly, SameSite=Lax, Path=/, for 30 days', async () => {
    const user = await t.createUser();
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: ORIGIN, host: new URL(ORIGIN).host, 'user-agent': `Mozilla/5.0 ${'x'.repeat(600)}` },
      remoteAddress: '203.0.113.9',
      payload: { email: user.email, password: user.password }
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = sessionCookie(signIn)!;
    expect(cookie.value).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
    expect(cookie).toMatchObject({ path: '/', httponly: 'yes', samesite: 'Lax' });
    expect(cookie.secure).toBeUndefined();
    expect(Math.abs(Date.parse(cookie.expires) - (Date.now() + 30 * DAY))).toBeLessThan(5000);

    // The person's list of sessions shows where it was opened, with the user agent cut to 400 characters.
    const listed = (await mySessions(`mutirao_session=${cookie.value}`)).find((s) => s.current)!;
    expect(listed).toMatchObject({ ip: '203.0.113.9', current: true });
    expect(listed.userAgent).toBe(`Mozilla/5.0 ${'x'.repeat(600)}`.slice(0, 400));
    expect(Math.abs(Date.parse(listed.expiresAt) - Date.parse(cookie.expires))).toBeLessThan(1000);
  });

  it('records no user agent when the browser sends none', async () => {
    const user = await t.createUser();
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: ORIGIN, host: new URL(ORIGIN).host, 'user-agent': undefined },
      payload: { email: user.email, password: user.password }
    });
    const cookie = sessionCookieFrom(signIn);
    expect((await mySessions(cookie)).find((s) => s.current)?.userAgent).toBeNull();
  });
});

describe('staying signed in', () => {
  it('sends the cookie again only after an hour of use, each time for 30 more days', async () => {
    const start = Date.now();
    clockAt(start);
    const user = await t.createUser();

    clockAt(start + 59 * MINUTE);
    const early = await me(user.cookie);
    expect(early.statusCode).toBe(200);
    expect(sessionCookie(early)).toBeUndefined();

    clockAt(start + 61 * MINUTE);
    const later = await me(user.cookie);
    expect(later.statusCode).toBe(200);
    expect(sessionCookie(later)).toMatchObject({ value: user.cookie.split('=')[1], path: '/', httponly: 'yes', samesite: 'Lax' });
    expect(Math.abs(Date.parse(sessionCookie(later)!.expires) - (start + 61 * MINUTE + 30 * DAY))).toBeLessThan(1000);

    // Within the hour after that write, nothing is written again.
    clockAt(start + 100 * MINUTE);
    expect(sessionCookie(await me(user.cookie))).toBeUndefined();
    const listed = (await mySessions(user.cookie)).find((s) => s.current)!;
    expect(Math.abs(Date.parse(listed.expiresAt) - (start + 61 * MINUTE + 30 * DAY))).toBeLessThan(1000);
  });

  it('ends a session left unused for 30 days, and clears its cookie', async () => {
    const start = Date.now();
    clockAt(start);
    const returning = await t.createUser();
    const away = await t.createUser();

    clockAt(start + 30 * DAY - MINUTE);
    expect((await me(returning.cookie)).statusCode).toBe(200);

    clockAt(start + 30 * DAY + MINUTE);
    const late = await me(away.cookie);
    expect(late.statusCode).toBe(401);
    expect(sessionCookie(late)).toMatchObject({ value: '', 'max-age': '0', path: '/' });
    expect(await t.hub.db.select().from(sessions).where(eq(sessions.id, idOf(away.cookie)))).toHaveLength(0);
    // The one used in time slid forward and still works.
    expect((await me(returning.cookie)).statusCode).toBe(200);
  });

  it('signs out a person 90 days after signing in, however often they come back', async () => {
    const start = Date.now();
    clockAt(start);
    const user = await t.createUser();
    const expiresAfterUseOn = async (day: number) => {
      clockAt(start + day * DAY);
      const response = await me(user.cookie);
      expect(response.statusCode, `day ${day}`).toBe(200);
      return Date.parse(sessionCookie(response)!.expires);
    };
    expect(Math.abs((await expiresAfterUseOn(29)) - (start + 59 * DAY))).toBeLessThan(1000);
    expect(Math.abs((await expiresAfterUseOn(58)) - (start + 88 * DAY))).toBeLessThan(1000);
    // 30 days from day 87 would be day 117: the cookie stops at day 90 instead.
    expect(Math.abs((await expiresAfterUseOn(87)) - (start + 90 * DAY))).toBeLessThan(1000);

    clockAt(start + 90 * DAY - HOUR);
    expect((await me(user.cookie)).statusCode).toBe(200);
    clockAt(start + 90 * DAY + MINUTE);
    const over = await me(user.cookie);
    expect(over.statusCode).toBe(401);
    expect(sessionCookie(over)).toMatchObject({ value: '', 'max-age': '0' });
    expect(await t.hub.db.select().from(sessions).where(eq(sessions.id, idOf(user.cookie)))).toHaveLength(0);
  });

  it('does not list sessions that have run out', async () => {
    const user = await t.createUser();
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: ORIGIN, host: new URL(ORIGIN).host },
      payload: { email: user.email, password: user.password }
    });
    const secondId = idOf(sessionCookieFrom(second));
    expect((await mySessions(user.cookie)).map((s) => s.id).sort()).toEqual([idOf(user.cookie), secondId].sort());
    await t.hub.db.update(sessions).set({ expiresAt: new Date(Date.now() - MINUTE) }).where(eq(sessions.id, secondId));
    expect((await mySessions(user.cookie)).map((s) => s.id)).toEqual([idOf(user.cookie)]);
  });
});

describe('cookies that do not hold a session', () => {
  it('treats malformed, unknown and tampered tokens as a visitor and clears the cookie', async () => {
    const user = await t.createUser();
    const [id, secret] = user.cookie.split('=')[1].split('.');
    const other = await t.createUser();
    for (const token of [
      'no-dot-at-all',
      `${id}`,
      `${id}.`,
      `${id}.${secret.slice(0, -1)}`,
      `${id}.${secret}x`,
      `${id}.${other.cookie.split('.')[1]}`,
      `${'a'.repeat(32)}.${secret}`,
      `${id}.${secret}${'a'.repeat(200)}`
    ]) {
      const response = await me(`mutirao_session=${token}`);
      expect(response.statusCode, token).toBe(401);
      expect(sessionCookie(response), token).toMatchObject({ value: '', 'max-age': '0', path: '/', httponly: 'yes', samesite: 'Lax' });
    }
    // None of that harmed the real session.
    expect((await me(user.cookie)).json().user.id).toBe(user.id);
  });

  it('signing out ends the session and clears the cookie with the attributes it was set with', async () => {
    const user = await t.createUser();
    const out = await t.request({ method: 'POST', url: '/api/auth/sign-out', cookie: user.cookie });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out)).toMatchObject({ value: '', 'max-age': '0', path: '/', httponly: 'yes', samesite: 'Lax' });
    expect((await me(user.cookie)).statusCode).toBe(401);
  });

  it('lets visitors without a cookie through as visitors, without touching cookies', async () => {
    const response = await t.request({ method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect((await t.request({ method: 'GET', url: '/api/organisations' })).statusCode).toBe(200);
  });
});

describe('within one page render', () => {
  /** The page server calls the API through the bridge, passing one scope per page render. */
  let bridge: ApiBridge;
  beforeAll(() => {
    exposeApiToWeb(t.app);
    bridge = (globalThis as Record<symbol, ApiBridge>)[API_BRIDGE];
  });
  const inRender = (scope: RenderScope, { cookie, ...options }: { method: 'GET' | 'HEAD' | 'PATCH'; url: string; cookie: string; payload?: object }) =>
    bridge.inject({ ...options, headers: { origin: ORIGIN, host: new URL(ORIGIN).host, cookie } }, scope);
  const endSessionElsewhere = (cookie: string) => t.hub.db.delete(sessions).where(eq(sessions.id, idOf(cookie)));

  it('validates the session once for the reads of one render', async () => {
    const user = await t.createUser();
    const render: RenderScope = {};
    expect((await inRender(render, { method: 'GET', url: '/api/me', cookie: user.cookie })).statusCode).toBe(200);
    await endSessionElsewhere(user.cookie);
    // The rest of the render still sees the person it started with…
    expect((await inRender(render, { method: 'GET', url: '/api/me', cookie: user.cookie })).statusCode).toBe(200);
    expect((await inRender(render, { method: 'HEAD', url: '/api/me', cookie: user.cookie })).statusCode).toBe(200);
    // …while the next render, and any request outside one, sees the session gone.
    expect((await inRender({}, { method: 'GET', url: '/api/me', cookie: user.cookie })).statusCode).toBe(401);
    expect((await me(user.cookie)).statusCode).toBe(401);
  });

  it('validates afresh after a change within the render', async () => {
    const user = await t.createUser();
    const render: RenderScope = {};
    expect((await inRender(render, { method: 'GET', url: '/api/me', cookie: user.cookie })).statusCode).toBe(200);
    const change = await inRender(render, { method: 'PATCH', url: '/api/me', cookie: user.cookie, payload: { name: 'Renamed Person' } });
    expect(change.statusCode).toBe(200);
    await endSessionElsewhere(user.cookie);
    expect((await inRender(render, { method: 'GET', url: '/api/me', cookie: user.cookie })).statusCode).toBe(401);
  });

  it('never answers for one person with another person’s validation', async () => {
    const ana = await t.createUser({ name: 'Ana' });
    const bruno = await t.createUser({ name: 'Bruno' });
    const render: RenderScope = {};
    expect((await inRender(render, { method: 'GET', url: '/api/me', cookie: ana.cookie })).json().user.id).toBe(ana.id);
    expect((await inRender(render, { method: 'GET', url: '/api/me', cookie: bruno.cookie })).json().user.id).toBe(bruno.id);
  });
});

describe('in production', () => {
  let prod: TestHub;
  beforeAll(async () => {
    prod = await createTestHub({ NODE_ENV: 'production', PUBLIC_ORIGIN: ORIGIN });
  });
  afterAll(async () => {
    await prod?.close();
  });

  it('names the cookie __Host-mutirao_session and sends it only over HTTPS', async () => {
    const name = '__Host-mutirao_session';
    const user = await prod.createUser();
    const signIn = await prod.request({ method: 'POST', url: '/api/auth/sign-in', payload: { email: user.email, password: user.password } });
    expect(signIn.statusCode).toBe(200);
    const cookie = sessionCookie(signIn, name)!;
    expect(cookie).toMatchObject({ path: '/', httponly: 'yes', samesite: 'Lax', secure: 'yes' });
    const session = `${name}=${cookie.value}`;
    expect((await prod.request({ method: 'GET', url: '/api/me', cookie: session })).statusCode).toBe(200);
    // The development name means nothing here.
    expect((await prod.request({ method: 'GET', url: '/api/me', cookie: `mutirao_session=${cookie.value}` })).statusCode).toBe(401);

    const out = await prod.request({ method: 'POST', url: '/api/auth/sign-out', cookie: session });
    expect(sessionCookie(out, name)).toMatchObject({ value: '', 'max-age': '0', path: '/', secure: 'yes' });
  });
});
