import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import {
  loadHistory,
  recordedActivities,
} from '@temporal-tutorials/tooling/testing';
import { describe, expect, it } from 'vitest';

// Recorded from a real dev server by `pnpm record-history`.
const history = loadHistory(
  new URL('./fixtures/greeting-history.json', import.meta.url),
);
const workflowsPath = (file: string) =>
  fileURLToPath(new URL(file, import.meta.url));

describe('replaying a recorded greetingWorkflow history', () => {
  it('is the run the tutorial shows: three failed attempts, then attempt 4 succeeds', () => {
    expect(recordedActivities(history)).toEqual([
      { activity: 'composeGreeting', attempt: 4, outcome: 'completed' },
    ]);
  });

  it('succeeds with the current workflow code', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: workflowsPath('../src/workflows.ts') },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when the code no longer matches the history', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: workflowsPath('./nondeterministic-workflow.ts') },
        history,
      ),
    ).rejects.toThrow(DeterminismViolationError);
  });
});
