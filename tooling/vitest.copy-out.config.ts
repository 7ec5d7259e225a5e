import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from './vitest-config.js';

const shared = base as ViteUserConfig;

// `pnpm test:copy-out`: each sample copied out of the repository and installed with npm (minutes:
// npm installs each one, money-transfer's better-sqlite3 compiles), kept out of `pnpm test`.
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test-copy-out/**/*.test.ts'],
    testTimeout: 900_000,
    maxConcurrency: 2,
    reporters: ['default', ['json', { outputFile: 'test-results/copy-out.json' }]],
  },
});
