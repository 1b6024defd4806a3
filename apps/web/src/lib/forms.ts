/**
 * Input limits mirrored from the API's schemas (packages/shared/src/schemas/accounts.ts)
 * for the browser's own checks; forms.test.ts fails when they drift apart. The API stays
 * the judge: these only spare a round trip.
 */
export const limits = {
  passwordMin: 10,
  passwordMax: 256,
  name: 120,
  email: 254,
  organisationName: 200,
  bio: 2000,
  suspensionReason: 1000
} as const;

/** What a failed form action returns: the values to show again and the messages to show. */
export interface FormFailure {
  /** Which form on the page failed, when a page has several. */
  form?: string;
  values: Record<string, string>;
  /** A message about the whole form, already in the reader's language. */
  message: string;
  code: string;
  /** Messages per field name, already in the reader's language. */
  fields: Record<string, string>;
}

/**
 * A redirect target taken from the query string: only a path on this hub, so a crafted
 * link cannot send someone elsewhere after they sign in ("//evil.example", "/\\evil").
 */
export function localPath(candidate: string | null | undefined, fallback = '/'): string {
  if (!candidate || candidate.length > 500) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\\]/.test(candidate)) return fallback;
  // A Location header carries bytes, not text: other characters go percent-encoded
  // (a lone surrogate cannot be encoded at all, and is refused).
  try {
    return candidate.replace(/[^\u0020-\u007e]+/gu, (text) => encodeURIComponent(text));
  } catch {
    return fallback;
  }
}
