// Runs once per test run in vitest's main process: one temp folder holds every scratch folder the
// tests make (scratchDir in the testing module), and goes when the run ends, passed or failed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'temporal-tutorials-tests-'));
  // The test processes start after this and inherit it.
  process.env.TEST_SCRATCH_ROOT = root;
  return () => rmSync(root, { recursive: true, force: true });
}
