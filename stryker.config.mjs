// Mutation testing (`pnpm test:mutation`): StrykerJS changes the code below one
// small edit at a time and checks that some test fails for each edit.
// ARCHITECTURE.md ("Mutation testing") explains the choices.

/** The code under mutation: authorization policies, filter builders, sessions. */
export const mutate = [
  'apps/api/src/auth/can.ts',
  'apps/api/src/modules/organisations/organisations.policy.ts',
  'packages/search/src/filters.ts',
  'apps/api/src/auth/sessions.service.ts',
  'apps/api/src/plugins/sessions.ts'
];

/**
 * The tests that aim at that code (vitest.mutation.config.mjs runs only these).
 * Every API test passes through can.ts and the sessions hook, so letting the
 * whole suite in would rerun most of it for each mutant that survives or is
 * static; these files kill the same mutants in seconds. Per-test coverage then
 * picks, per mutant, only the tests in these files that reach it.
 */
export const mutationTestFiles = [
  'apps/api/src/auth/can.test.ts',
  'apps/api/src/modules/organisations/organisations.policy.test.ts',
  'packages/search/src/filters.test.ts',
  'apps/api/src/auth/sessions.test.ts',
  'apps/api/src/modules/accounts/accounts.test.ts'
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'pnpm',
  // Named, because pnpm does not put the runner beside @stryker-mutator/core,
  // where Stryker's default `@stryker-mutator/*` lookup searches.
  plugins: ['@stryker-mutator/vitest-runner', './scripts/stryker-summary-reporter.mjs'],
  testRunner: 'vitest',
  // The test files are chosen by the Vitest config, not Stryker's `testFiles`:
  // with `testFiles`, Stryker 10.1 activates static mutants (module-level
  // values) only after their module loaded, and reports them all as survived
  // (stryker-js issues 6144 and 6209).
  vitest: { configFile: 'vitest.mutation.config.mjs', related: true },
  coverageAnalysis: 'perTest',
  mutate,
  concurrency: 2,
  // Integration tests start a hub per file; on a loaded machine a run can take a while.
  timeoutMS: 30_000,
  // pnpm links workspace packages with paths into the checkout, so a sandbox
  // that borrowed the checkout's node_modules would import the unmutated
  // @mutirao/search. The sandbox gets its own install instead (from the local
  // store: seconds).
  symlinkNodeModules: false,
  buildCommand: 'pnpm install --frozen-lockfile --prefer-offline --reporter=silent',
  ignorePatterns: ['.data', 'dist', 'build', '.svelte-kit', 'test-results', 'playwright-report', 'tests/e2e/.artifacts', 'apps/web/src/lib/paraglide'],
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json', 'summary'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: true, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: 80 }
};
