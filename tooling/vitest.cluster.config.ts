import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from './vitest-config.js';

const shared = base as ViteUserConfig;

// `pnpm test:cluster`: the drills on a production-shaped cluster, kept out of `pnpm test` (minutes,
// and the first run builds the Temporal Server with Go). One file: one cluster, its tests in order.
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test-cluster/**/*.test.ts'],
    // The chaos run it imports brings money-transfer's test/helpers.ts, which installs the SDK's
    // Runtime (once per process) with its own console logger.
    setupFiles: [],
    reporters: ['default', ['json', { outputFile: 'test-results/cluster.json' }]],
  },
});
