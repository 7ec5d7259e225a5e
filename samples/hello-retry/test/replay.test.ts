import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import {
  bundleWorkflows,
  loadHistory,
  recordedActivities,
} from '@temporal-tutorials/tooling/testing';
import { describe, expect, it } from 'vitest';

// Recorded from a real dev server by `pnpm record-history`.
const history = loadHistory(
  new URL('./fixtures/greeting-history.json', import.meta.url),
);
// Bundled once per test run (see bundleWorkflows), then replayed.
const bundled = (file: string) =>
  bundleWorkflows(new URL(file, import.meta.url));

describe('replaying a recorded greetingWorkflow history', () => {
  it('is the run the tutorial shows: three failed attempts, then attempt 4 succeeds', () => {
    expect(recordedActivities(history)).toEqual([
      { activity: 'composeGreeting', attempt: 4, outcome: 'completed' },
    ]);
  });

  it('succeeds with the current workflow code', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await bundled('../src/workflows.ts') },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when the code no longer matches the history', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await bundled('./nondeterministic-workflow.ts') },
        history,
      ),
    ).rejects.toThrow(DeterminismViolationError);
  });
});
