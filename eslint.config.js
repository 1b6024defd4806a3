// ESLint 9 flat config for the whole monorepo: `pnpm lint` (= `eslint .`).
// Syntax-level rules only (no type-aware linting): `pnpm typecheck` runs tsc
// and svelte-check, and linting stays fast on a small machine.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './apps/web/svelte.config.js';

/** Config is read once in apps/api/src/config.ts; everywhere else it is passed in. */
const noProcessEnv = {
  'no-restricted-properties': [
    'error',
    {
      object: 'process',
      property: 'env',
      message: 'Read configuration in apps/api/src/config.ts (loadConfig) and pass it in, not from process.env.'
    }
  ]
};

/**
 * Layer boundaries. Two rules carry them, so that a file can be under both
 * without one block replacing the other's options (flat config does not merge
 * a rule's options): `@typescript-eslint/no-restricted-imports` keeps drizzle in
 * the repos, `no-restricted-imports` keeps each area's imports pointing inward.
 * tests/unit/lint-boundaries.test.ts proves each one fires.
 */
const drizzleOnlyInRepos = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['drizzle-orm', 'drizzle-orm/*'],
          message: 'Database queries belong in a *.repo.ts file (or db/): services and infrastructure call repo functions.'
        }
      ]
    }
  ]
};
/**
 * Files allowed to use drizzle: repos, the db package, tests that check the database
 * directly, and the backup tool, which reads and writes every table generically.
 */
const drizzleAllowed = ['**/*.repo.ts', 'db/**', '**/*.test.ts', '**/*.fixtures.ts', 'tests/**', 'apps/api/src/cli/backup.ts'];

const domains = {
  group: ['**/modules', '**/modules/**', '@mutirao/api/modules/*'],
  message:
    'Infrastructure never imports a domain: a domain hands it what it needs through its descriptor (module.ts), or the composition root (app.ts, runtime.ts, cli/) passes it in.'
};
const apiApp = {
  group: ['**/apps/api', '**/apps/api/**', '@mutirao/api', '@mutirao/api/*'],
  message: 'Shared code does not depend on the API server: move what both need to packages/shared.'
};
const serverPackages = ['@mutirao/db', '@mutirao/db/*', '@mutirao/search', '@mutirao/search/*'];
/** The web app reaches data through the API only: the server, the database and search stay out of it. */
const serverOnly = {
  group: [
    // A relative climb from apps/web reaches the API as ../…/api/src, without "apps/" in it.
    '**/apps/api',
    '**/apps/api/**',
    '**/api/src',
    '**/api/src/**',
    '@mutirao/api',
    '@mutirao/api/*',
    ...serverPackages
  ],
  message: 'The web app talks to the API through src/lib/server/api.ts and shares types through @mutirao/shared only.'
};
/** The hub's infrastructure: what every domain builds on, and so imports none of them. */
const infrastructure = [
  'apps/api/src/plugins/**',
  'apps/api/src/infra/**',
  'apps/api/src/auth/**',
  'apps/api/src/http/**',
  'apps/api/src/jobs/**',
  'apps/api/src/images/**',
  'apps/api/src/storage/**',
  'apps/api/src/hub.ts',
  'apps/api/src/config.ts',
  'apps/api/src/module.ts'
];
const boundaries = [
  // Tests of infrastructure may build their records through a domain's fixtures.
  { files: infrastructure, ignores: ['**/*.test.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [domains] }] } },
  { files: ['packages/**', 'db/**'], rules: { 'no-restricted-imports': ['error', { patterns: [apiApp] }] } },
  {
    // The web app imports packages/shared, so shared must not pull server code in behind it.
    files: ['packages/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [apiApp, { group: serverPackages, message: 'packages/shared is loaded by the web app too: no server packages.' }] }
      ]
    }
  },
  { files: ['apps/web/**'], rules: { 'no-restricted-imports': ['error', { patterns: [serverOnly] }] } }
];

export default ts.config(
  {
    ignores: [
      '**/node_modules/',
      '**/.svelte-kit/',
      '**/build/',
      '**/dist/',
      'apps/web/src/lib/paraglide/',
      '**/.data/',
      'db/migrations/',
      'test-results/',
      'playwright-report/',
      'tests/e2e/.artifacts/',
      '.stryker-tmp/',
      'reports/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node }
    },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      // `_`-prefixed names mark arguments a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }
      ],
      ...noProcessEnv
    }
  },
  {
    files: ['**/*.svelte'],
    rules: {
      // The hub is served at the root of its origin (no kit.paths.base), so a plain
      // href is already right; wrapping every link in resolve() would add noise only.
      'svelte/no-navigation-without-resolve': 'off'
    }
  },
  {
    // The web app runs in the browser as well as on the server.
    files: ['apps/web/src/**/*.{ts,js,svelte}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        extraFileExtensions: ['.svelte'],
        svelteConfig
      }
    }
  },
  { rules: drizzleOnlyInRepos },
  { files: drizzleAllowed, rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
  {
    // Code that runs in the browser takes values from shared's small modules
    // (taxonomy, locales, images, contract/runtime), never from its index, which holds the
    // whole API contract and TypeBox: tens of kilobytes on a phone over 3G. Types are free.
    files: ['apps/web/src/**/*.{ts,svelte}'],
    ignores: ['apps/web/src/**/*.server.ts', 'apps/web/src/**/+server.ts', 'apps/web/src/lib/server/**', 'apps/web/src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mutirao/shared',
              allowTypeImports: true,
              message: 'In browser code, import values from @mutirao/shared/taxonomy, /locales, /images or /contract/runtime.'
            }
          ],
          // This block replaces the rule's options for these files: keep the drizzle ban too.
          patterns: drizzleOnlyInRepos['@typescript-eslint/no-restricted-imports'][1].patterns
        }
      ]
    }
  },
  ...boundaries,
  {
    // Where reading the environment is the job: the config module, the operational
    // scripts, test set-up, and tool configuration files.
    files: [
      'apps/api/src/config.ts',
      'scripts/**',
      'tests/**',
      '**/*.config.{js,mjs,cjs,ts,mts}',
      '.ci/**'
    ],
    rules: { 'no-restricted-properties': 'off' }
  }
);
