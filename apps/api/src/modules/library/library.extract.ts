// Reading what is inside a file: its text (PDF through pdf.js via unpdf, DOCX through
// mammoth) for search, and a cover from a PDF's first page or an image.
import { randomBytes } from 'node:crypto';
import type { ResourceFileKind } from '@mutirao/shared';
import { processImage } from '../../images/process-image';
import { defineJobKind } from '../../jobs/job-kind';

export interface ExtractPayload {
  fileId: string;
}

/**
 * Extracting a file's text (and its cover). A malformed or hostile file fails its
 * attempts and is kept as a failed job, visible to admins; the runner catches the
 * error, so the worker goes on with the next job.
 */
export const LIBRARY_EXTRACT = defineJobKind<ExtractPayload>('library.extract', {
  describe: (payload) => `text of resource file ${payload.fileId}`,
  // A file that cannot be parsed fails the same way every time: it is kept as a failed job
  // at once, and an admin may try it again from /admin/jobs (say, after a fix is deployed).
  retryLimit: 0,
  expireInSeconds: 120
});

/** A file whose parser runs longer than this is given up on. */
const EXTRACTION_TIMEOUT_MS = 60_000;
/** Text kept per file: a long report fits; a text bomb does not fill the database. */
const MAX_TEXT = 1_000_000;

export const extractsText = (kind: ResourceFileKind) => kind === 'pdf' || kind === 'docx';

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const tidy = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is being refused
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_TEXT);

async function pdfText(bytes: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const document = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(document, { mergePages: true });
  return text;
}

async function docxText(bytes: Buffer): Promise<string> {
  const mammoth = await import('mammoth');
  const result = await mammoth.extractRawText({ buffer: bytes });
  return result.value;
}

/** The words inside a PDF or DOCX file; throws when the file cannot be read. */
export async function extractText(kind: ResourceFileKind, bytes: Buffer): Promise<string> {
  if (kind === 'pdf') return tidy(await withTimeout(pdfText(bytes), EXTRACTION_TIMEOUT_MS));
  if (kind === 'docx') return tidy(await withTimeout(docxText(bytes), EXTRACTION_TIMEOUT_MS));
  return '';
}

export const COVER_SIZES = [320] as const;

/**
 * A cover: the first page of a PDF drawn by pdf.js on @napi-rs/canvas, or the
 * image itself, through the image pipeline (re-encoded WebP, nothing of the
 * upload kept). Undefined when neither applies; the page then shows the type's icon.
 */
export async function makeCover(kind: ResourceFileKind, bytes: Buffer): Promise<Buffer | undefined> {
  let picture: Buffer | undefined;
  if (kind === 'png' || kind === 'jpeg' || kind === 'webp') picture = bytes;
  if (kind === 'pdf') {
    const { renderPageAsImage } = await import('unpdf');
    const png = await withTimeout(
      renderPageAsImage(new Uint8Array(bytes), 1, { canvasImport: () => import('@napi-rs/canvas'), width: 640 }),
      EXTRACTION_TIMEOUT_MS
    );
    picture = Buffer.from(png);
  }
  if (!picture) return undefined;
  return (await processImage(picture, COVER_SIZES)).variants.get(COVER_SIZES[0]);
}

/** Covers live in a folder named with a random part: its `?v=` changes with every new cover. */
export const coverKeyFor = (resourceId: string) => `covers/${resourceId}-${randomBytes(6).toString('hex')}/320.webp`;
