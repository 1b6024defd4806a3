/**
 * Writes openapi.json from the route contract (packages/shared/src/contract), or with
 * `--check` fails when the committed file differs from what the contract produces.
 * `pnpm openapi` / `pnpm openapi --check`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { apiRoutes, buildOpenApiDocument, contracts, sessionCookieNames } from '@mutirao/shared';
import { API_VERSION } from '../apps/api/src/app';

const file = fileURLToPath(new URL('../openapi.json', import.meta.url));
const document = buildOpenApiDocument({
  version: API_VERSION,
  cookieName: sessionCookieNames.production,
  contracts
});
const text = `${JSON.stringify(document, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error('openapi.json is not what the route contract produces: run `pnpm openapi` and commit it.');
    process.exit(1);
  }
  console.log(`openapi.json is current (${apiRoutes.length} operations).`);
} else {
  await writeFile(file, text);
  console.log(`wrote openapi.json (${apiRoutes.length} operations)`);
}
