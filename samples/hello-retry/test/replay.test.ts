import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { bundle } from './helpers';

interface Event {
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
  activityTaskStartedEventAttributes?: {
    attempt: number;
    lastFailure?: { message: string };
  };
  activityTaskCompletedEventAttributes?: object;
}

// Recorded from a real dev server by the repository's `pnpm record-history`.
const history = JSON.parse(
  readFileSync(
    new URL('./fixtures/greeting-history.json', import.meta.url),
    'utf8',
  ),
) as { events: Event[] };
const replay = async (file: string) =>
  Worker.runReplayHistory(
    { workflowBundle: await bundle(new URL(file, import.meta.url)) },
    history,
  );

describe('replaying a recorded greetingWorkflow history', () => {
  it('is the run the tutorial shows: three failed attempts, then attempt 4 succeeds', () => {
    const { events } = history;
    const scheduled = events.flatMap(
      (e) => e.activityTaskScheduledEventAttributes?.activityType.name ?? [],
    );
    const started = events.flatMap(
      (e) => e.activityTaskStartedEventAttributes ?? [],
    );
    // One activity, one started event: the retries are not in the history.
    expect(scheduled).toEqual(['composeGreeting']);
    expect(started).toMatchObject([
      {
        attempt: 4,
        lastFailure: { message: 'Intentional failure on attempt 3' },
      },
    ]);
    expect(
      events.filter((e) => e.activityTaskCompletedEventAttributes),
    ).toHaveLength(1);
  });

  it('succeeds with the current workflow code', async () => {
    await expect(replay('../src/workflows.ts')).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when the code no longer matches the history', async () => {
    await expect(replay('./nondeterministic-workflow.ts')).rejects.toThrow(
      DeterminismViolationError,
    );
  });
});
