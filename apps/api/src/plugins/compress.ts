import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import compression from 'compression';
import type { IncomingMessage, ServerResponse } from 'node:http';

// The shape of plugins/web.ts's WebHandler, repeated so the two files do not import each other.
type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Bodies smaller than this go as they are: compressing them saves less than the headers cost. */
export const COMPRESS_THRESHOLD = 1024;

// Brotli's default quality (11) costs tens of milliseconds per page; 4 compresses a page
// about as well as gzip -6 and faster, which is what a response made per request wants.
const brotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

/**
 * Compresses the API's answers (JSON, problem+json, OpenAPI) with brotli or gzip, as the
 * client's Accept-Encoding allows. Types mime-db does not mark compressible (images, the
 * logos) go as they are. Request bodies are never decompressed: a small gzip body could
 * unpack past the body limits the input guard enforces.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    brotliOptions
  });
}

/**
 * The SvelteKit handler writes to the raw response after Fastify hijacks the request, so
 * Fastify's compression never sees its pages: this wraps the handler with the same rules.
 * Hashed assets are served precompressed by the adapter (with their year-long
 * Cache-Control), and a response that already has a Content-Encoding is left alone.
 */
export function compressWeb(handler: WebHandler): WebHandler {
  const compress = compression({ threshold: COMPRESS_THRESHOLD, brotli: brotliOptions });
  return (req, res, next) => {
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], (err?: unknown) => {
      if (err) {
        res.statusCode = 500;
        res.end();
        return;
      }
      handler(req, res, next);
    });
  };
}
