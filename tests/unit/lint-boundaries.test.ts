import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer boundaries in eslint.config.js, checked by linting small snippets
 * as if they were files at these paths (the files need not exist). Each
 * forbidden case names the rule that must refuse it, so a rule dropped from the
 * config, or a glob that no longer matches, fails here.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function importErrors(filePath: string, specifier: string): Promise<string[]> {
  const module = `import * as imported from '${specifier}';\nconsole.log(imported);\n`;
  const code = filePath.endsWith('.svelte') ? `<script lang="ts">\n${module}</script>\n` : module;
  const [result] = await eslint.lintText(code, { filePath });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.map((m) => m.ruleId ?? 'none');
}

const DRIZZLE = '@typescript-eslint/no-restricted-imports';
const BOUNDARY = 'no-restricted-imports';

describe('drizzle only in repos and db/', () => {
  it.each([
    ['apps/api/src/modules/events/events.service.ts', 'drizzle-orm'],
    ['apps/api/src/modules/events/events.routes.ts', 'drizzle-orm'],
    ['apps/api/src/modules/events/events.search.ts', 'drizzle-orm'],
    ['apps/api/src/plugins/live.hub.ts', 'drizzle-orm'],
    ['apps/api/src/cli/seed.ts', 'drizzle-orm'],
    ['packages/search/src/engine.ts', 'drizzle-orm/pg-core'],
    ['apps/web/src/routes/+page.server.ts', 'drizzle-orm'],
    ['apps/web/src/lib/live/live-client.ts', 'drizzle-orm']
  ])('refuses it in %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([DRIZZLE]);
  });

  it.each([
    'apps/api/src/modules/events/events.repo.ts',
    'apps/api/src/auth/sessions.repo.ts',
    'packages/search/src/outbox.repo.ts',
    'db/schema/events.ts',
    'apps/api/src/modules/events/events.test.ts',
    'tests/bench/events.ts'
  ])('allows it in %s', async (file) => {
    expect(await importErrors(file, 'drizzle-orm')).toEqual([]);
  });
});

describe('infrastructure never imports a domain', () => {
  it.each([
    ['apps/api/src/plugins/sessions.ts', '../modules/accounts/sessions.service'],
    ['apps/api/src/plugins/live.repo.ts', '../modules/organisations/organisations.repo'],
    ['apps/api/src/infra/search.service.ts', '../modules/index'],
    ['apps/api/src/auth/can.ts', '../modules/organisations/organisations.policy'],
    ['apps/api/src/http/errors.ts', '../modules'],
    ['apps/api/src/hub.ts', './modules/accounts/accounts.service'],
    ['apps/api/src/module.ts', './modules/index'],
    ['apps/api/src/plugins/web.ts', '@mutirao/api/modules/index']
  ])('refuses it in %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([BOUNDARY]);
  });

  it('lets a repo in infrastructure use drizzle while still refusing a domain (the two rules add up)', async () => {
    const code = `import { eq } from 'drizzle-orm';\nimport * as orgs from '../modules/organisations/organisations.repo';\nexport const used = [eq, orgs];\n`;
    const [result] = await eslint.lintText(code, { filePath: 'apps/api/src/auth/sessions.repo.ts' });
    expect(result.messages.map((m) => m.ruleId)).toEqual([BOUNDARY]);
  });

  it.each([
    ['apps/api/src/app.ts', './modules/index'],
    ['apps/api/src/runtime.ts', './modules/index'],
    ['apps/api/src/cli/seed.ts', '../modules/accounts/accounts.service'],
    ['apps/api/src/modules/events/events.service.ts', '../organisations/organisations.directory.service'],
    ['tests/fixtures/harness.ts', '../../apps/api/src/modules/accounts/accounts.service']
  ])('lets the composition root and the domains do it (%s)', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});

describe('the web app never imports the API', () => {
  it.each([
    ['apps/web/src/routes/+page.server.ts', '../../../api/src/app'],
    ['apps/web/src/lib/server/api.ts', '../../../../api/src/plugins/web-bridge'],
    ['apps/web/src/hooks.server.ts', '@mutirao/api'],
    ['apps/web/src/lib/server/locale.ts', '@mutirao/api/plugins/sessions'],
    ['apps/web/src/routes/x/+page.svelte', '../../../../../apps/api/src/hub'],
    ['apps/web/src/lib/server/forms.ts', '@mutirao/db'],
    ['apps/web/src/lib/server/forms.ts', '@mutirao/search']
  ])('refuses it in %s (%s)', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([BOUNDARY]);
  });

  it.each([
    ['apps/web/src/routes/+page.server.ts', '$lib/server/api'],
    ['apps/web/src/lib/server/forms.ts', './api'],
    ['apps/web/src/lib/server/forms.ts', '@mutirao/shared']
  ])('allows its own API client and the shared package (%s → %s)', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});

describe('packages and db never import the API server', () => {
  it.each([
    ['packages/search/src/engine.ts', '../../../apps/api/src/hub'],
    ['packages/shared/src/index.ts', '@mutirao/api'],
    ['db/client.ts', '@mutirao/api/config'],
    ['packages/shared/src/schemas/events.ts', '@mutirao/db']
  ])('refuses it in %s (%s)', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([BOUNDARY]);
  });
});

describe('browser code takes shared values from its small modules, not the index', () => {
  it.each(['apps/web/src/lib/logo.ts', 'apps/web/src/routes/organisations/+page.svelte'])('refuses the index in %s', async (file) => {
    expect(await importErrors(file, '@mutirao/shared')).toEqual([DRIZZLE]);
  });

  it.each([
    ['apps/web/src/lib/logo.ts', '@mutirao/shared/images'],
    ['apps/web/src/routes/organisations/+page.server.ts', '@mutirao/shared'],
    ['apps/web/src/lib/server/api.ts', '@mutirao/shared']
  ])('allows %s to import %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});
