import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { buildApp, redactedPaths } from './app';
import { ConfigError, loadConfig } from './config';
import { startRuntime } from './runtime';
import { seedDemoIfEmpty } from './cli/seed';
import type { WebHandler } from './plugins/web';
import { exposeApiToWeb } from './plugins/web-bridge';
import { startInboundMail } from './inbound-mail';

const webHandlerPath = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

/**
 * The hub's entry point: one process serves the API, the websocket and the
 * pages on one port, and shuts down cleanly on SIGTERM/SIGINT.
 */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = pino({
    level: config.logLevel,
    redact: { paths: redactedPaths, censor: '[redacted]' }
  });

  const runtime = await startRuntime(config, logger).catch((err: Error) => {
    logger.fatal(err.message);
    process.exit(1);
  });
  if (config.seedDemo) await seedDemoIfEmpty(runtime, (line) => logger.info(line));

  let web: WebHandler | undefined;
  if (process.argv.includes('--api-only')) {
    logger.info('serving the API only');
  } else if (existsSync(webHandlerPath)) {
    // adapter-node reads the site's origin from ORIGIN when its module loads; without it
    // it assumes https, and SvelteKit's CSRF check then refuses every form post over http.
    // eslint-disable-next-line no-restricted-properties -- handing config to adapter-node, not reading it
    process.env.ORIGIN = config.publicOrigin;
    // adapter-node refuses page posts over 512 KB by default; the library's forms post a file of up
    // to 50 MB (RESOURCE_FILE_MAX_BYTES) plus multipart framing and the resource's fields (the
    // logo form's 2 MB fit within it). Larger bodies get the form's own message.
    // eslint-disable-next-line no-restricted-properties -- handing config to adapter-node, not reading it
    process.env.BODY_SIZE_LIMIT = '51M';
    web = (await import(pathToFileURL(webHandlerPath).href)).handler as WebHandler;
  } else {
    logger.warn('apps/web/build is missing: run `pnpm build` to serve the pages');
  }

  const app = await buildApp({ hub: runtime, web, logger });
  exposeApiToWeb(app);
  // Replies by mail, when this process is their SMTP listener (INBOUND_SMTP_PORT).
  const inbound = await startInboundMail(config, app.hub).catch((err: Error) => {
    logger.fatal(`inbound mail: ${err.message}`);
    process.exit(1);
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      // Mail first: a sending server whose connection is refused retries later.
      await inbound?.close();
      // Stops accepting, lets in-flight requests finish and closes websockets (onClose hooks).
      await app.close();
      await runtime.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  logger.info(`Mutirão is running at ${config.publicOrigin}`);
}

void main();
