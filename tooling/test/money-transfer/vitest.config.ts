import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from '../../vitest-config.js';

const shared = base as ViteUserConfig;

// `pnpm test:drills`: the money-transfer page's failure drills with real processes (drills.ts),
// reported apart from tooling's `pnpm test` so that neither report overwrites the other.
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test/money-transfer/drills.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/drills.json' }]],
  },
});
