import type { ResourceFileKind } from '@mutirao/shared';
import { badRequest } from '../../http/errors';

/** How each kind is served: its one media type and extension. */
export const fileKinds: Record<ResourceFileKind, { mediaType: string; extension: string }> = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' },
  csv: { mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
  png: { mediaType: 'image/png', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  webp: { mediaType: 'image/webp', extension: 'webp' }
};

const startsWith = (bytes: Buffer, signature: number[] | string, at = 0) => {
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= at + sig.length && bytes.subarray(at, at + sig.length).equals(sig);
};

/**
 * An Office Open XML package is a ZIP whose entries name its parts. The local file
 * headers hold the names uncompressed, so the part folders tell Word, Excel and
 * PowerPoint apart without unpacking anything.
 */
function officeKind(bytes: Buffer): ResourceFileKind | undefined {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return undefined;
  const names = bytes.toString('latin1');
  if (!names.includes('[Content_Types].xml')) return undefined;
  if (names.includes('word/')) return 'docx';
  if (names.includes('xl/')) return 'xlsx';
  if (names.includes('ppt/')) return 'pptx';
  return undefined;
}

const HTML_START = /^\s*(<!doctype|<html|<head|<body|<script|<iframe|<svg|<\?xml|<!--)/i;

/**
 * Text that is safe to call CSV: valid UTF-8, no NUL or other control characters
 * but tab and line breaks, and nothing that opens like markup.
 */
function isCsv(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  if (HTML_START.test(text.replace(/^\uFEFF/, ''))) return false;
  return true;
}

/** What the bytes are, whatever the name or the browser said: undefined when the library does not take them. */
export function detectFileKind(bytes: Buffer): ResourceFileKind | undefined {
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'webp';
  const office = officeKind(bytes);
  if (office) return office;
  if (startsWith(bytes, [0x50, 0x4b])) return undefined; // another ZIP: not a document we take
  return isCsv(bytes) ? 'csv' : undefined;
}

const extensionKinds: Record<string, ResourceFileKind> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  csv: 'csv',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  webp: 'webp'
};

/** The kind a file name claims, from its extension. */
export function claimedKind(filename: string): ResourceFileKind | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return extension ? extensionKinds[extension] : undefined;
}

/**
 * The file's kind, checked: its bytes must be a kind the library takes, and its name
 * must not claim another one (a "report.pdf" whose bytes are an executable or a web
 * page is refused, not served as a PDF).
 */
export function checkFile(filename: string, bytes: Buffer): ResourceFileKind {
  if (bytes.length === 0) {
    throw badRequest('invalid_file', 'The file is empty.', [{ field: 'file', code: 'empty', message: 'the file is empty' }]);
  }
  const actual = detectFileKind(bytes);
  const claimed = claimedKind(filename);
  if (!actual) {
    throw badRequest('invalid_file', 'The library takes PDF, DOCX, XLSX, PPTX, CSV, PNG, JPEG and WebP files.', [
      { field: 'file', code: claimed ? 'mismatch' : 'unsupported', message: 'the file’s content is not a type the library takes' }
    ]);
  }
  if (claimed && claimed !== actual) {
    throw badRequest('invalid_file', `The file is named as ${claimed.toUpperCase()} but its content is not.`, [
      { field: 'file', code: 'mismatch', message: `the content is not ${claimed.toUpperCase()}` }
    ]);
  }
  return actual;
}

/**
 * A file name safe to show and to put in Content-Disposition: no path, no control
 * characters, the extension of what the bytes are.
 */
export function cleanFilename(filename: string, kind: ResourceFileKind): string {
  const base = filename
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is being refused
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .replace(/\.[a-z0-9]+$/i, '')
    .trim()
    .slice(0, 150);
  return `${base || 'file'}.${fileKinds[kind].extension}`;
}

/** `attachment; filename="report.pdf"; filename*=UTF-8''informe%20final.pdf` */
export function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // Always an attachment (PDF and images too): the file is saved, never rendered on the hub's origin.
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
