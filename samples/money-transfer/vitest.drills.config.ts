import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from '@temporal-tutorials/tooling/vitest-config';

const shared = base as ViteUserConfig;

// `pnpm test:drills`: the failure drills with real processes, reported apart from `pnpm test`'s
// files so that neither report overwrites the other.
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test/drills.test.ts'],
    reporters: [
      'default',
      ['json', { outputFile: 'test-results/drills.json' }],
    ],
  },
});
