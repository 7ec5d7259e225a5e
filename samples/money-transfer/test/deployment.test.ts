// A careless deployment, on a real dev server: a running transfer replays on
// the new code, the replay fails, and what fails is the workflow task, again
// and again, not the transfer. It waits, Running, until the old code is back.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createActivities } from '../src/activities';
import { transferWorkflowId } from '../src/shared';
import { moneyTransfer } from '../src/workflows';
import { expectMoneyInOnePlace, newBank, payment } from './harness';
import { bundle, devServer, testWorker } from './helpers';

let env: TestWorkflowEnvironment;
let current: WorkflowBundle;
let unguarded: WorkflowBundle;

beforeAll(async () => {
  env = await devServer();
  current = await bundle(new URL('../src/workflows.ts', import.meta.url));
  unguarded = await bundle(
    new URL('./fraud-check-unguarded-workflow.ts', import.meta.url),
  );
});

afterAll(async () => {
  await env?.teardown();
});

it('an unguarded change leaves a running transfer Running, its workflow task failing with a non-determinism error, until the old code finishes it', async () => {
  const bank = newBank();
  const details = payment();
  const taskQueue = `money-transfer-${crypto.randomUUID()}`;
  const handle = await env.client.workflow.start(moneyTransfer, {
    taskQueue,
    workflowId: transferWorkflowId(details.referenceId),
    args: [details],
  });
  const worker = (workflowBundle: WorkflowBundle) =>
    testWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: { ...createActivities(bank), checkFraud: async () => {} },
    });

  // The old code schedules the withdrawal; a Worker without activities stops
  // there, as a deployment would stop the old Workers.
  const old = await testWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: current,
  });
  await old.runUntil(
    until(async () =>
      Boolean(
        (await handle.fetchHistory()).events?.some(
          (event) => event.activityTaskScheduledEventAttributes,
        ),
      ),
    ),
  );

  // The new code withdraws, then replays the history: withdraw where it asks
  // for checkFraud. The task fails, and is retried, and fails.
  const description = await (
    await worker(unguarded)
  ).runUntil(async () => {
    await until(
      async () =>
        ((await handle.describe()).raw.pendingWorkflowTask?.attempt ?? 0) >= 2,
    );
    return await handle.describe();
  });
  expect(description.status.name).toBe('RUNNING');
  const history = (await handle.fetchHistory()).events ?? [];
  const failed = history.flatMap((event) =>
    event.workflowTaskFailedEventAttributes
      ? [event.workflowTaskFailedEventAttributes]
      : [],
  );
  expect(failed.map((attributes) => attributes.failure?.message)).toEqual([
    expect.stringContaining('[TMPRL1100] Nondeterminism error'),
  ]);

  // Rolled back, the transfer goes on where it stood: withdrawn once.
  const result = await (
    await worker(current)
  ).runUntil(handle.result().catch((error: unknown) => error));
  expect(result).toMatch(/^Transfer complete/);
  expectMoneyInOnePlace(bank, details.referenceId);
});

/** Until the condition holds, within 60 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 60_000; !(await condition());) {
    if (Date.now() > deadline) throw new Error('Not within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
