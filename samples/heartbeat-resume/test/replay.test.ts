import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { loadHistory } from '@temporal-tutorials/tooling/testing';
import { describe, expect, it } from 'vitest';

// Recorded from a real run by `pnpm record-history`.
const history = loadHistory(
  new URL('./fixtures/batch-history.json', import.meta.url),
);
const workflowsPath = (file: string) =>
  fileURLToPath(new URL(file, import.meta.url));

describe('replaying a recorded batchWorkflow history', () => {
  it('succeeds with the current workflow code', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: workflowsPath('../src/workflows.ts') },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when a timer now comes before the batch', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: workflowsPath('./delayed-workflow.ts') },
        history,
      ),
    ).rejects.toThrow(DeterminismViolationError);
  });
});
