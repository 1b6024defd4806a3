import sharp, { type Metadata, type ResizeOptions, type SharpOptions } from 'sharp';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'svg';

export class ImageRejected extends Error {
  constructor(
    readonly reason: 'empty' | 'not_an_image' | 'too_many_pixels',
    message: string
  ) {
    super(message);
  }
}

export interface ProcessedImage {
  /** What the upload was, by its bytes. */
  source: ImageFormat;
  /** One WebP per requested size (in pixels): square and contained on transparency, or of the asked shape, filled. */
  variants: Map<number, Buffer>;
}

/** Above this, decoding alone would cost hundreds of megabytes: a decompression bomb, not a logo. */
const MAX_INPUT_PIXELS = 40_000_000;

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/**
 * The format by magic bytes, for the formats we accept; SVG is text whose first
 * element (after an XML declaration, comments and whitespace) is <svg>.
 */
export function sniffImage(bytes: Buffer): ImageFormat | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  const prolog = head.replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  if (/^<svg[\s>]/.test(prolog)) return 'svg';
  return undefined;
}

/**
 * Re-encodes an uploaded image into the sizes a page uses. Nothing of the
 * upload's file survives: the pixels are decoded and written anew as WebP, so
 * metadata (EXIF, GPS, ICC comments), anything appended after the image
 * (a polyglot's HTML or ZIP tail) and any script or link in an SVG are gone.
 * SVG is rasterised by librsvg, which runs no script and, reading from memory,
 * loads no external file. The EXIF orientation is applied before it is dropped.
 */
export async function processImage(
  bytes: Buffer,
  sizes: readonly number[],
  /**
   * Width ÷ height of the variants (a 16:9 event cover: 16 / 9), each `size` then
   * being the width; the picture fills it, cropped around its centre. Square and
   * contained on transparency when left out (logos).
   * `within`: the picture keeps its own shape, at most `size` wide and twice that
   * high, never enlarged (images in posts).
   */
  shape: { aspect?: number; within?: boolean } = {}
): Promise<ProcessedImage> {
  if (bytes.length === 0) throw new ImageRejected('empty', 'the file is empty');
  const source = sniffImage(bytes);
  if (!source) throw new ImageRejected('not_an_image', 'not a PNG, JPEG, WebP or SVG image');
  const options: SharpOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' };
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, options).metadata();
  } catch (err) {
    throw rejection(err);
  }
  // The decoder must agree with the magic bytes: a JPEG header on something else is refused.
  if (metadata.format !== source || !metadata.width || !metadata.height) {
    throw new ImageRejected('not_an_image', 'the file is not the image it starts like');
  }
  if (source === 'svg') {
    // Vectors are drawn at the size they are shown, not drawn small and blown up.
    const largest = Math.max(...sizes);
    const density = Math.min(2400, Math.max(72, Math.ceil((72 * largest) / Math.max(metadata.width, metadata.height))));
    options.density = density;
  }
  const variants = new Map<number, Buffer>();
  try {
    for (const size of sizes) {
      const webp = await sharp(bytes, options)
        .rotate()
        .resize(resizeOptions(size, shape))
        .webp({ quality: 85, effort: 4 })
        .toBuffer();
      variants.set(size, webp);
    }
  } catch (err) {
    throw rejection(err);
  }
  return { source, variants };
}

function resizeOptions(size: number, shape: { aspect?: number; within?: boolean }): ResizeOptions {
  if (shape.within) return { width: size, height: size * 2, fit: 'inside', withoutEnlargement: true };
  if (shape.aspect) return { width: size, height: Math.round(size / shape.aspect), fit: 'cover', position: 'centre' };
  return { width: size, height: size, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } };
}

function rejection(err: unknown): ImageRejected {
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) return new ImageRejected('too_many_pixels', 'the image has too many pixels');
  return new ImageRejected('not_an_image', 'the image could not be read');
}
