import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start Temporal servers and Workers and wait in real time: on a
    // busy 2-core machine that can take minutes. A hang still fails, later.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Two test files at a time: they spend most of their time waiting.
    maxWorkers: 2,
    // The SDK logs every attempt: show that only for a test that failed.
    silent: 'passed-only',
    // The JSON report lets the repository's CI count every package's tests.
    reporters: [
      'default',
      ['json', { outputFile: 'test-results/vitest.json' }],
    ],
  },
});
