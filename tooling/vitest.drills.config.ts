import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from './vitest-config.js';

const shared = base as ViteUserConfig;

// `pnpm test:drills`: the money-transfer page's failure drills with real processes, kills and a
// server restart (about a minute), kept out of `pnpm test` and reported apart from it.
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test-drills/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/drills.json' }]],
  },
});
