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
    // One file at a time: the shell blocks and the captured outputs each start dev servers, and a
    // server's free port taken by another starting at the same moment failed a run.
    maxWorkers: 1,
    reporters: ['default', ['json', { outputFile: 'test-results/pages.json' }]],
  },
});
