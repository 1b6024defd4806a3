import type { FieldError } from '../../http/errors';
import { isHttpIri } from '../../http/iri';

/**
 * The links on a profile, as people type them: `example.org` is a website without its
 * `https://`, a LinkedIn profile may be pasted without a scheme or with `www.`, and an
 * ORCID iD may be the bare iD or its orcid.org address. Each is normalised to one form
 * or refused with the field's problem.
 */
export type LinkResult = { ok: true; value: string | null } | { ok: false; error: FieldError };

const refuse = (field: string, code: string, message: string): LinkResult => ({ ok: false, error: { field, code, message } });

function withScheme(typed: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed.replace(/^\/+/, '')}`;
}

export function normaliseWebsite(input: string | null | undefined, field = 'website'): LinkResult {
  const typed = input?.trim() ?? '';
  if (!typed) return { ok: true, value: null };
  const url = withScheme(typed);
  if (!isHttpIri(url)) return refuse(field, 'format', 'must be a web address (https://…)');
  return { ok: true, value: url };
}

export function normaliseLinkedin(input: string | null | undefined): LinkResult {
  const website = normaliseWebsite(input, 'linkedin');
  if (!website.ok || website.value === null) return website;
  const url = new URL(website.value);
  const host = url.hostname.toLowerCase();
  if (!/^([a-z]{2,3}\.)?linkedin\.com$/.test(host) || url.pathname.length < 2) {
    return refuse('linkedin', 'format', 'must be a linkedin.com address');
  }
  url.protocol = 'https:';
  url.hostname = host;
  return { ok: true, value: url.toString() };
}

/** ISO 7064 MOD 11-2, the check character of an ORCID iD. */
function orcidCheck(digits: string): string {
  let total = 0;
  for (const d of digits) total = (total + Number(d)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

export function normaliseOrcid(input: string | null | undefined): LinkResult {
  const typed = input?.trim() ?? '';
  if (!typed) return { ok: true, value: null };
  const bare = typed.replace(/^(https?:\/\/)?(www\.)?orcid\.org\//i, '').replace(/\/$/, '');
  const match = /^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])$/.exec(bare);
  if (!match) return refuse('orcid', 'format', 'must be an ORCID iD (0000-0002-1825-0097)');
  const id = `${match[1]}-${match[2]}-${match[3]}-${match[4].toUpperCase()}`;
  const digits = id.replace(/-/g, '');
  if (orcidCheck(digits.slice(0, 15)) !== digits[15]) return refuse('orcid', 'checksum', 'is not a valid ORCID iD (its check digit is wrong)');
  return { ok: true, value: id };
}

/** The ORCID iD's address, for the profile's link. */
export const orcidUrl = (id: string) => `https://orcid.org/${id}`;
