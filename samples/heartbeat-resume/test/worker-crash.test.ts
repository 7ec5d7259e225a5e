// A Worker process killed mid-batch: the server notices the missing heartbeats, and the next
// attempt, on a new Worker process, resumes from the last recorded item instead of item 0.
import {
  defaultPayloadConverter,
  type WorkflowHandle,
} from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TASK_QUEUE, type BatchProgress } from '../src/shared';
import { batchWorkflow } from '../src/workflows';
import { devServer, startProgram } from './helpers';

const itemMs = 250;
const heartbeatTimeoutMs = 2_000; // as in src/workflows.ts
// The SDK sends at most one heartbeat per 0.8 x heartbeatTimeout and holds the newest details
// until then. A Worker that dies loses at most the items finished since the last one it sent.
const throttleMs = 0.8 * heartbeatTimeoutMs;
const mostItemsRedone = Math.floor(throttleMs / itemMs) + 1;

type Program = ReturnType<typeof startProgram>;
let env: TestWorkflowEnvironment;
const workers: Program[] = [];

beforeAll(async () => {
  env = await devServer();
});

// Also when the test fails or times out: no process outlives the test file.
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
  await env?.teardown();
});

/** The details of the last heartbeat the server holds for the batch's activity. */
async function recordedProgress(handle: WorkflowHandle) {
  const { raw } = await handle.describe();
  const [payload] =
    raw.pendingActivities?.[0]?.heartbeatDetails?.payloads ?? [];
  if (!payload) throw new Error('The server holds no heartbeat details');
  return defaultPayloadConverter.fromPayload<BatchProgress>(payload);
}

const processedItems = (worker: Program) =>
  worker.lines.flatMap(
    (line) => /Processed item (\d+)/.exec(line)?.slice(1).map(Number) ?? [],
  );

it(`resumes past item 0 after a SIGKILL, redoing at most ${mostItemsRedone} items`, async () => {
  const startWorker = () => {
    const worker = startProgram('src/worker.ts', [], {
      TEMPORAL_ADDRESS: env.address,
      HEARTBEAT_ITEM_MS: String(itemMs),
    });
    workers.push(worker);
    return worker;
  };
  const first = startWorker();
  await first.waitForLine(/Worker polling/);
  const handle = await env.client.workflow.start(batchWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: 'worker-crash',
    args: [{ itemCount: 30 }],
  });
  await first.waitForLine(/Processed item 12/);
  // Resolves once the process has closed: it can send nothing more.
  await first.stop('SIGKILL');
  const killedAt = Date.now();
  const lastFinishedBeforeKill = Math.max(...processedItems(first));
  const recorded = await recordedProgress(handle);

  const second = startWorker();
  const resumed = await second.waitForLine(
    /Resuming from item \d+ \(attempt 2\)/,
  );
  const resumeSeconds = (Date.now() - killedAt) / 1000;
  const resumedFrom = Number(/item (\d+)/.exec(resumed)?.[1]);
  const attempts = await handle.result();

  const redone = lastFinishedBeforeKill + 1 - resumedFrom;
  // Measurements for the record, not assertions: timing depends on the machine.
  console.info(
    `SIGKILL after item ${lastFinishedBeforeKill}; attempt 2 resumed from item ${resumedFrom} (${redone} redone) ${resumeSeconds.toFixed(1)} s after the kill`,
  );
  expect(resumedFrom).toBe(recorded.nextItem);
  expect(resumedFrom).toBeGreaterThan(0);
  expect(redone).toBeGreaterThanOrEqual(0);
  expect(redone).toBeLessThanOrEqual(mostItemsRedone);
  expect(processedItems(second)).toEqual(
    Array.from({ length: 30 - resumedFrom }, (_, index) => resumedFrom + index),
  );
  expect(attempts.at(-1)).toEqual({ attempt: 2, first: resumedFrom, last: 29 });
});
