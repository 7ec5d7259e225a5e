import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from '@temporal-tutorials/tooling/vitest-config';

const shared = base as ViteUserConfig;

// `pnpm test:pages`: the pages replayed (shell blocks, captured outputs) and the site-wide browser
// sweep, with the shared settings.
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test-pages/**/*.test.ts'],
    // The shell blocks and the captured outputs mostly wait on servers and retries, the site sweep
    // keeps Chromium busy: all three files at once.
    maxWorkers: 3,
    reporters: ['default', ['json', { outputFile: 'test-results/pages.json' }]],
  },
});
