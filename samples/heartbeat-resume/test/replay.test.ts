import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { bundle } from './helpers';

/** The few fields of a history event (as JSON) this test reads. */
interface HistoryEvent {
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
  activityTaskStartedEventAttributes?: { attempt: number };
  activityTaskCompletedEventAttributes?: object;
}

// Recorded from a real dev server by the repository's `pnpm record-history`:
// a batch done in one attempt, and one whose attempt 1 failed at item 3 and
// attempt 2 resumed.
const load = (file: string) =>
  JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as {
    events: HistoryEvent[];
  };
const history = load('./fixtures/batch-history.json');
const resumedHistory = load('./fixtures/batch-resumed-history.json');
const replay = async (file: string, recorded: unknown) =>
  Worker.runReplayHistory(
    { workflowBundle: await bundle(new URL(file, import.meta.url)) },
    recorded,
  );

describe('replaying a recorded batchWorkflow history', () => {
  it('succeeds with the current workflow code', async () => {
    await expect(
      replay('../src/workflows.ts', history),
    ).resolves.toBeUndefined();
  });

  it('succeeds for a batch resumed by attempt 2, recorded as such', async () => {
    // The history keeps one activity, its last attempt (2), and its result.
    const { events } = resumedHistory;
    expect(
      events
        .flatMap((event) => [
          event.activityTaskScheduledEventAttributes?.activityType.name,
          event.activityTaskStartedEventAttributes?.attempt,
          event.activityTaskCompletedEventAttributes && 'completed',
        ])
        .filter((field) => field !== undefined),
    ).toEqual(['processBatch', 2, 'completed']);
    await expect(
      replay('../src/workflows.ts', resumedHistory),
    ).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when a timer now comes before the batch', async () => {
    await expect(replay('./delayed-workflow.ts', history)).rejects.toThrow(
      DeterminismViolationError,
    );
  });
});
