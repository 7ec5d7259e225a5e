import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { loadHistory } from '@temporal-tutorials/tooling/testing';
import { describe, expect, it } from 'vitest';

// Recorded from a real run by `pnpm record-history`.
const history = loadHistory(
  new URL('./fixtures/transfer-history.json', import.meta.url),
);
const workflowsPath = (file: string) =>
  fileURLToPath(new URL(file, import.meta.url));

describe('replaying a recorded moneyTransfer history', () => {
  it('succeeds with the current workflow code', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: workflowsPath('../src/workflows.ts') },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when deposit and withdraw swap places', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: workflowsPath('./reordered-workflow.ts') },
        history,
      ),
    ).rejects.toThrow(DeterminismViolationError);
  });
});
