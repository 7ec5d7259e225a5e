import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import {
  bundleWorkflows,
  loadHistory,
  recordedActivities,
} from '@temporal-tutorials/tooling/testing';
import { describe, expect, it } from 'vitest';

// Recorded from a real dev server by `pnpm record-history`: a batch done in
// one attempt, and one whose attempt 1 failed at item 3 and attempt 2 resumed.
const history = loadHistory(
  new URL('./fixtures/batch-history.json', import.meta.url),
);
const resumedHistory = loadHistory(
  new URL('./fixtures/batch-resumed-history.json', import.meta.url),
);
// Bundled once per test run (see bundleWorkflows), then replayed.
const bundled = (file: string) =>
  bundleWorkflows(new URL(file, import.meta.url));

describe('replaying a recorded batchWorkflow history', () => {
  it('succeeds with the current workflow code', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await bundled('../src/workflows.ts') },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('succeeds for a batch resumed by attempt 2, recorded as such', async () => {
    expect(recordedActivities(resumedHistory)).toEqual([
      { activity: 'processBatch', attempt: 2, outcome: 'completed' },
    ]);
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await bundled('../src/workflows.ts') },
        resumedHistory,
      ),
    ).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when a timer now comes before the batch', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await bundled('./delayed-workflow.ts') },
        history,
      ),
    ).rejects.toThrow(DeterminismViolationError);
  });
});
