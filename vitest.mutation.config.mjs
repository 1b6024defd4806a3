// The Vitest run that `pnpm test:mutation` (StrykerJS) uses: the project's
// config, limited to the test files listed in stryker.config.mjs.
import { defineConfig } from 'vitest/config';
import { mutationTestFiles } from './stryker.config.mjs';
import base from './vitest.config';

export default defineConfig({ ...base, test: { ...base.test, include: mutationTestFiles } });
