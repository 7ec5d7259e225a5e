import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from '@temporal-tutorials/tooling/vitest-config';

const shared = base as ViteUserConfig;

// `pnpm test:pages`: only the shell-block runs, with the shared settings.
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test-pages/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/pages.json' }]],
  },
});
