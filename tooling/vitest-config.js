import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: [fileURLToPath(new URL('./vitest-global-setup.js', import.meta.url))],
    setupFiles: [fileURLToPath(new URL('./vitest-setup.js', import.meta.url))],
    // Tests start Temporal servers and Worker processes and wait in real time; on a loaded 2-core
    // machine running every package at once, that can take minutes. A hang still fails, later.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // The SDK logs every attempt; show that only for a test that failed.
    silent: 'passed-only',
    // The JSON report lets CI print one "N passed, N failed" line for the whole workspace.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
