import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: [fileURLToPath(new URL('./vitest-setup.js', import.meta.url))],
    // Each test file starts its own Temporal server and bundles workflows: give that room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The SDK logs every attempt; show that only for a test that failed.
    silent: 'passed-only',
    // The JSON report lets CI print one "N passed, N failed" line for the whole workspace.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
