import { defineConfig, type ViteUserConfig } from 'vitest/config';
import base from '@temporal-tutorials/tooling/vitest-config';

const shared = base as ViteUserConfig;

export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    // The browser checks keep Chromium busy while the captured-output check mostly waits for the
    // samples' retries: run the two files side by side, even on 2 cores.
    maxWorkers: 2,
  },
});
