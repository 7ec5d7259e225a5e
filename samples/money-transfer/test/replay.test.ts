import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import {
  bundleWorkflows,
  createTimeSkippingEnv,
  createWorker,
  loadHistory,
  recordedActivities,
} from '@temporal-tutorials/tooling/testing';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities';
import { moneyTransfer } from './fraud-check-patched-workflow';
import { newBank, payment } from './harness';

// Recorded from a real dev server by `pnpm record-history`: a transfer that
// completed, and one to an unknown account that the refund undid.
const history = loadHistory(
  new URL('./fixtures/transfer-history.json', import.meta.url),
);
const refundHistory = loadHistory(
  new URL('./fixtures/refund-history.json', import.meta.url),
);
const replay = async (file: string, recorded = history) =>
  Worker.runReplayHistory(
    { workflowBundle: await bundleWorkflows(new URL(file, import.meta.url)) },
    recorded,
  );

describe('replaying a recorded moneyTransfer history', () => {
  it('succeeds with the current workflow code', async () => {
    await expect(replay('../src/workflows.ts')).resolves.toBeUndefined();
  });

  it('succeeds for a refunded transfer, recorded as such', async () => {
    expect(recordedActivities(refundHistory)).toEqual([
      { activity: 'withdraw', attempt: 1, outcome: 'completed' },
      { activity: 'deposit', attempt: 1, outcome: 'failed' },
      { activity: 'refund', attempt: 1, outcome: 'completed' },
    ]);
    await expect(
      replay('../src/workflows.ts', refundHistory),
    ).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when deposit and withdraw swap places', async () => {
    await expect(replay('./reordered-workflow.ts')).rejects.toThrow(
      DeterminismViolationError,
    );
  });

  it('fails when a new step is added without a patch', async () => {
    await expect(replay('./fraud-check-unguarded-workflow.ts')).rejects.toThrow(
      DeterminismViolationError,
    );
  });

  it('succeeds when the new step is behind patched()', async () => {
    await expect(
      replay('./fraud-check-patched-workflow.ts'),
    ).resolves.toBeUndefined();
  });
});

it('runs the patched step in a transfer started after the change', async () => {
  const env = await createTimeSkippingEnv();
  try {
    const checked: string[] = [];
    const worker = await createWorker({
      connection: env.nativeConnection,
      taskQueue: 'patched',
      workflowBundle: await bundleWorkflows(
        new URL('./fraud-check-patched-workflow.ts', import.meta.url),
      ),
      activities: {
        ...createActivities(newBank()),
        async checkFraud({ referenceId }: { referenceId: string }) {
          checked.push(referenceId);
        },
      },
    });
    const details = payment();
    const result = await worker.runUntil(
      env.client.workflow.execute(moneyTransfer, {
        taskQueue: 'patched',
        workflowId: `patched-${details.referenceId}`,
        args: [details],
      }),
    );

    expect(result).toMatch(/^Transfer complete/);
    expect(checked).toEqual([details.referenceId]);
  } finally {
    await env.teardown();
  }
});
