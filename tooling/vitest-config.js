import { defineConfig } from 'vitest/config';

// Each test file starts its own Temporal server and bundles workflows: give that room.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The SDK logs every attempt; show that only for a test that failed.
    silent: 'passed-only',
    hookTimeout: 60_000,
  },
});
