import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ORGANISATION_LOGO_MAX_BYTES } from '@mutirao/shared';
import { AppError, badRequest } from '../../http/errors';

export type LogoMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';
const extensions: Record<LogoMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg'
};

const logoField = (code: string, message: string) => [{ field: 'logo', code, message }];

export const logoTooLarge = () =>
  new AppError(413, 'logo_too_large', 'The logo is larger than 2 MB.', logoField('too_large', 'must be at most 2 MB'));

const notAnImage = () =>
  badRequest('invalid_logo', 'The logo must be a PNG, JPEG, WebP or SVG image.', logoField('not_an_image', 'is not a PNG, JPEG, WebP or SVG image'));

const unsafeSvg = (why: string) =>
  badRequest('unsafe_logo', `This SVG cannot be used as a logo: ${why}.`, logoField('unsafe_svg', why));

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/**
 * What the bytes are, whatever the file was called or claimed to be. Raster
 * formats by their magic numbers; SVG by parsing it as text (see checkSvg).
 */
export function detectLogo(bytes: Buffer): LogoMime {
  if (bytes.length === 0) throw badRequest('invalid_logo', 'The logo file is empty.', logoField('empty', 'is empty'));
  if (bytes.length > ORGANISATION_LOGO_MAX_BYTES) throw logoTooLarge();
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (looksLikeSvg(bytes)) {
    checkSvg(bytes);
    return 'image/svg+xml';
  }
  throw notAnImage();
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Text whose first element (after an XML declaration and comments) is <svg>. */
function looksLikeSvg(bytes: Buffer): boolean {
  const text = decodeUtf8(bytes);
  if (text === undefined) return false;
  const prolog = text.replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  return /^<svg[\s>]/.test(prolog) || /^<!DOCTYPE\s+svg/i.test(prolog);
}

/**
 * "Sanitised or rejected": we reject. An SVG is a document that can run script
 * and pull in other resources, so anything beyond plain drawing is refused
 * rather than rewritten. Served logos also carry a CSP that forbids script, as
 * a second line of defence.
 */
export function checkSvg(bytes: Buffer): void {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw notAnImage();
  const rules: Array<[RegExp, string]> = [
    // DOCTYPE and entities (billion laughs, external entities); CDATA can hide markup from these checks.
    [/<!(?!--)/, 'it declares a DOCTYPE, entities or CDATA'],
    [/<\?(?!xml\s)/i, 'it contains processing instructions'],
    [/<([\w-]+:)?script[\s/>]/i, 'it contains a script'],
    [/<([\w-]+:)?foreignObject[\s/>]/i, 'it embeds foreign content'],
    [/<([\w-]+:)?(iframe|embed|object|audio|video|handler|listener)[\s/>]/i, 'it embeds other documents or media'],
    [/[\s"'/]on[a-z]+\s*=/i, 'it has event-handler attributes'],
    [/javascript\s*:|vbscript\s*:|data\s*:\s*text\/html/i, 'it contains script URLs'],
    // Only references inside the file itself (#id) are allowed.
    [/\bhref\s*=\s*(["'])\s*(?!#)/i, 'it refers to other files'],
    [/url\(\s*["']?\s*(?!#)/i, 'it refers to other files'],
    [/@import/i, 'it imports stylesheets'],
    [/&(?!(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});)/i, 'it uses entities']
  ];
  for (const [pattern, why] of rules) {
    if (pattern.test(text)) throw unsafeSvg(why);
  }
  // A numeric reference must not spell out a forbidden word after decoding either.
  const decoded = text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, n: string) =>
    String.fromCodePoint(n[0].toLowerCase() === 'x' ? parseInt(n.slice(1), 16) : Number(n))
  );
  if (decoded !== text && /javascript\s*:|<script|\bon[a-z]+\s*=/i.test(decoded)) throw unsafeSvg('it contains script URLs');
}

const logosDir = (uploadsDir: string) => join(uploadsDir, 'logos');

/** Writes the logo under a fresh name (so the URL changes with the file) and returns that name. */
export async function storeLogo(uploadsDir: string, organisationId: string, mime: LogoMime, bytes: Buffer): Promise<string> {
  await mkdir(logosDir(uploadsDir), { recursive: true });
  const key = `${organisationId}-${randomBytes(6).toString('hex')}.${extensions[mime]}`;
  await writeFile(join(logosDir(uploadsDir), key), bytes, { flag: 'wx' });
  return key;
}

export async function readLogo(uploadsDir: string, key: string): Promise<Buffer | undefined> {
  if (!/^[0-9a-f-]+\.(png|jpg|webp|svg)$/.test(key)) return undefined;
  try {
    return await readFile(join(logosDir(uploadsDir), key));
  } catch {
    return undefined;
  }
}

export async function deleteLogo(uploadsDir: string, key: string | null): Promise<void> {
  if (!key || !/^[0-9a-f-]+\.(png|jpg|webp|svg)$/.test(key)) return;
  await rm(join(logosDir(uploadsDir), key), { force: true });
}
