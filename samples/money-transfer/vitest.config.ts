import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from '@temporal-tutorials/tooling/vitest-config';

const shared = base as ViteUserConfig;

// Two test files at a time (vitest runs one on a 2-core machine): the chaos file spends most of
// its minute waiting on kills and restarts, and this package is the suite's longest.
export default defineConfig({
  ...shared,
  test: { ...shared.test, maxWorkers: 2 },
});
