import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundle } from './helpers';

interface Event {
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
  activityTaskStartedEventAttributes?: { attempt: number };
  activityTaskTimedOutEventAttributes?: {
    failure: { timeoutFailureInfo?: { timeoutType: string } };
  };
}

// Recorded from a real dev server by the repository's `pnpm record-history`.
const history = JSON.parse(
  readFileSync(
    new URL('./fixtures/order-history.json', import.meta.url),
    'utf8',
  ),
) as { events: Event[] };

describe('replaying a recorded orderWorkflow history', () => {
  it('is the run the tutorial shows: lookUpPrice answers on attempt 2, chargeCard times out for good', () => {
    const { events } = history;
    expect(
      events.flatMap(
        (e) => e.activityTaskScheduledEventAttributes?.activityType.name ?? [],
      ),
    ).toEqual(['lookUpPrice', 'chargeCard']);
    // One started event per activity: the attempt that ended it.
    expect(
      events.flatMap(
        (e) => e.activityTaskStartedEventAttributes?.attempt ?? [],
      ),
    ).toEqual([2, 2]);
    expect(
      events.flatMap(
        (e) =>
          e.activityTaskTimedOutEventAttributes?.failure.timeoutFailureInfo
            ?.timeoutType ?? [],
      ),
    ).toEqual(['TIMEOUT_TYPE_SCHEDULE_TO_CLOSE']);
  });

  it('replays on the current workflow code', async () => {
    const workflowBundle = await bundle(
      new URL('../src/workflows.ts', import.meta.url),
    );
    await expect(
      Worker.runReplayHistory({ workflowBundle }, history),
    ).resolves.toBeUndefined();
  });
});
