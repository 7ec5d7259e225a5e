import {
  ActivityCancellationDetails,
  CancelledFailure,
} from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities';
import type { AttemptRecord, BatchInput, BatchProgress } from '../src/shared';

/** Runs processBatch once in a fresh mock environment, recording the items, heartbeats and logs. */
async function runAttempt(
  attempt: number,
  itemCount: number,
  heartbeatDetails?: BatchProgress,
  failAtItem?: number,
) {
  const processed: number[] = [];
  const heartbeats: BatchProgress[] = [];
  const logged: string[] = [];
  const env = new MockActivityEnvironment(
    { attempt, heartbeatDetails },
    {
      logger: new DefaultLogger('INFO', ({ message }) => logged.push(message)),
    },
  );
  env.on('heartbeat', (details: BatchProgress) => heartbeats.push(details));
  const activities = createActivities({
    processItem: async (item) => void processed.push(item),
    failAtItem,
  });
  const outcome: { result?: AttemptRecord[]; error?: unknown } = await env
    .run((input: BatchInput) => activities.processBatch(input), { itemCount })
    .then(
      (result) => ({ result: result as AttemptRecord[] }),
      (error: unknown) => ({ error }),
    );
  return { ...outcome, processed, heartbeats, logged };
}

describe('processBatch', () => {
  it('starts at item 0 on attempt 1 and heartbeats the next item after each one', async () => {
    const run = await runAttempt(1, 3);

    expect(run.logged[0]).toBe('Starting at item 0 (attempt 1)');
    expect(run.processed).toEqual([0, 1, 2]);
    expect(run.heartbeats.map((details) => details.nextItem)).toEqual([
      1, 2, 3,
    ]);
    expect(run.result).toEqual([{ attempt: 1, first: 0, last: 2 }]);
  });

  it('resumes from the item after the last recorded heartbeat and keeps the earlier attempts', async () => {
    const recorded: BatchProgress = {
      nextItem: 5,
      attempts: [{ attempt: 1, first: 0, last: 4 }],
    };
    const run = await runAttempt(2, 8, recorded);

    expect(run.logged[0]).toBe('Resuming from item 5 (attempt 2)');
    expect(run.processed).toEqual([5, 6, 7]);
    expect(run.result).toEqual([
      { attempt: 1, first: 0, last: 4 },
      { attempt: 2, first: 5, last: 7 },
    ]);
  });

  it('fails at the chosen item on attempt 1 only, after recording the items before it', async () => {
    const run = await runAttempt(1, 10, undefined, 4);

    expect(run.error).toEqual(new Error('Intentional failure at item 4'));
    expect(run.processed).toEqual([0, 1, 2, 3]);
    expect(run.heartbeats.at(-1)).toEqual({
      nextItem: 4,
      attempts: [{ attempt: 1, first: 0, last: 3 }],
    });
    const retry = await runAttempt(2, 10, run.heartbeats.at(-1), 4);
    expect(retry.processed).toEqual([4, 5, 6, 7, 8, 9]);
  });
});

describe('processBatch when asked to stop', () => {
  // Work that never looks at the signal (no SDK sleep, no abortable call):
  // only the activity's own check between items can stop it.
  const cases = [
    [{ cancelRequested: true }, 'the workflow was cancelled'],
    [{ workerShutdown: true }, 'the Worker is shutting down'],
    [{ timedOut: true }, 'the attempt timed out'],
  ] as const;

  it.each(cases)(
    'stops before the next item and logs why (%o)',
    async (details, reason) => {
      const processed: number[] = [];
      const logged: string[] = [];
      const env = new MockActivityEnvironment(
        { attempt: 1 },
        {
          logger: new DefaultLogger('INFO', ({ message }) =>
            logged.push(message),
          ),
        },
      );
      const activities = createActivities({
        processItem: async (item) => {
          processed.push(item);
          if (item === 2)
            env.cancel('CANCELLED', new ActivityCancellationDetails(details));
        },
      });

      const error: unknown = await env
        .run((input: BatchInput) => activities.processBatch(input), {
          itemCount: 10,
        })
        .catch((failure: unknown) => failure);

      expect(error).toBeInstanceOf(CancelledFailure);
      expect(processed).toEqual([0, 1, 2]);
      expect(logged.at(-1)).toBe(`Cancelled at item 3 (${reason})`);
    },
  );

  it('hands the same signal to the work for each item', async () => {
    const signals = new Set<AbortSignal>();
    const env = new MockActivityEnvironment(
      { attempt: 1 },
      { logger: new DefaultLogger('WARN') },
    );
    const activities = createActivities({
      processItem: async (_item, signal) => void signals.add(signal),
    });
    await env.run((input: BatchInput) => activities.processBatch(input), {
      itemCount: 3,
    });
    expect([...signals]).toEqual([env.context.cancellationSignal]);
  });
});
