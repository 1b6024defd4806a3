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
