/**
 * Visitors' pages, kept in memory for a few seconds: a link shared in a network of
 * thousands of practitioners brings them to one page at once, and every one of them
 * would otherwise cost a full render for the same HTML.
 *
 * An entry is served only while (a) it is younger than the configured lifetime and
 * (b) nothing may have changed since it was rendered: the epoch (a count of writes
 * this process answered plus live events heard from every process) is the one the
 * render began under. So after a post, an approval or a registration, the next visitor
 * gets a fresh render; the lifetime only bounds changes nobody announces (time passing,
 * a search index catching up).
 *
 * Only what any visitor with the same address, language and time zone would get is
 * kept: GET, no session cookie, status 200, no cookie set other than the language one,
 * and only under the public sections' paths (never token pages such as /unsubscribe).
 */

export interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

interface Entry extends CachedPage {
  storedAt: number;
  epoch: number;
}

/** The public sections whose pages are the same for every visitor. */
const PUBLIC_SECTIONS = ['/organisations', '/discussions', '/events', '/library'];

export function isCacheablePath(pathname: string): boolean {
  if (pathname === '/') return true;
  return PUBLIC_SECTIONS.some((section) => pathname === section || pathname.startsWith(`${section}/`));
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now
  ) {}

  get(key: string, epoch: number): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.epoch !== epoch || this.now() - entry.storedAt >= this.lifetimeMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last, so the oldest use is the first to go when full.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps a page rendered under `epoch`; one rendered while something changed is not kept. */
  set(key: string, epoch: number, currentEpoch: number, page: CachedPage): void {
    if (epoch !== currentEpoch) return;
    this.entries.delete(key);
    this.entries.set(key, { ...page, storedAt: this.now(), epoch });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The response a kept page becomes: a new Response each time (a body is read once). */
export function responseFrom(page: CachedPage): Response {
  const headers = new Headers();
  for (const [name, value] of page.headers) headers.append(name, value);
  return new Response(page.body.slice(), { status: page.status, headers });
}

/**
 * What of a rendered response may be kept, or undefined when it may not: only a 200
 * whose only cookie (if any) is the language one, which is set again per request.
 */
export async function keepable(response: Response, languageCookie: string): Promise<{ page: CachedPage; response: Response } | undefined> {
  if (response.status !== 200) return undefined;
  const cookies = response.headers.getSetCookie();
  if (cookies.some((cookie) => !cookie.startsWith(`${languageCookie}=`))) return undefined;
  const cacheControl = response.headers.get('cache-control') ?? '';
  if (/no-store|private/i.test(cacheControl)) return undefined;
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.push([name, value]);
  });
  const page = { status: response.status, headers, body };
  // The body was read: the caller answers with a copy that still carries its cookies.
  const answer = responseFrom(page);
  for (const cookie of cookies) answer.headers.append('set-cookie', cookie);
  return { page, response: answer };
}
