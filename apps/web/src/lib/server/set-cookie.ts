/** One `Set-Cookie` header, split into what SvelteKit's `cookies.set` takes. */
export interface ParsedCookie {
  name: string;
  value: string;
  options: {
    path: string;
    domain?: string;
    expires?: Date;
    maxAge?: number;
    httpOnly: boolean;
    secure: boolean;
    sameSite?: 'lax' | 'strict' | 'none';
  };
}

/**
 * Parses a Set-Cookie header as the API writes it (RFC 6265 attributes). Attributes
 * missing from the header stay off, so a dev cookie without `Secure` is not upgraded.
 */
export function parseSetCookie(header: string): ParsedCookie | undefined {
  const [pair, ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const options: ParsedCookie['options'] = { path: '/', httpOnly: false, secure: false };
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const val = rest.join('=').trim();
    if (key === 'path' && val) options.path = val;
    else if (key === 'domain' && val) options.domain = val;
    else if (key === 'max-age' && /^-?\d+$/.test(val)) options.maxAge = Number(val);
    else if (key === 'expires') {
      const date = new Date(val);
      if (!Number.isNaN(date.getTime())) options.expires = date;
    } else if (key === 'httponly') options.httpOnly = true;
    else if (key === 'secure') options.secure = true;
    else if (key === 'samesite') {
      const mode = val.toLowerCase();
      if (mode === 'lax' || mode === 'strict' || mode === 'none') options.sameSite = mode;
    }
  }
  return { name, value, options };
}
