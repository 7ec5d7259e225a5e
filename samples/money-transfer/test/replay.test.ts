import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities';
import { moneyTransfer } from './fraud-check-patched-workflow';
import { newBank, payment } from './harness';
import { bundle, testWorker, timeSkippingServer } from './helpers';

// Recorded from a real dev server by the repository's `pnpm record-history`
// (`temporal workflow show -o json` writes the same): a transfer that
// completed, and one to an unknown account that the refund undid.
interface HistoryJson {
  events: {
    eventId: string;
    activityTaskScheduledEventAttributes?: { activityType: { name: string } };
    activityTaskCompletedEventAttributes?: { scheduledEventId: string };
    activityTaskFailedEventAttributes?: { scheduledEventId: string };
  }[];
}
const load = (file: string) =>
  JSON.parse(
    readFileSync(new URL(file, import.meta.url), 'utf8'),
  ) as HistoryJson;
const history = load('./fixtures/transfer-history.json');
const refundHistory = load('./fixtures/refund-history.json');
const replay = async (file: string, recorded = history) =>
  Worker.runReplayHistory(
    { workflowBundle: await bundle(new URL(file, import.meta.url)) },
    recorded,
  );

/** How each activity of a history ended, in order: e.g. "deposit failed". */
function activityOutcomes({ events }: HistoryJson): string[] {
  const names = new Map<string, string>();
  return events.flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) names.set(event.eventId, scheduled.activityType.name);
    const completed = event.activityTaskCompletedEventAttributes;
    const closed = completed ?? event.activityTaskFailedEventAttributes;
    if (!closed) return [];
    const name = names.get(closed.scheduledEventId);
    return [`${name} ${completed ? 'completed' : 'failed'}`];
  });
}

describe('replaying a recorded moneyTransfer history', () => {
  it('succeeds with the current workflow code', async () => {
    await expect(replay('../src/workflows.ts')).resolves.toBeUndefined();
  });

  it('succeeds for a refunded transfer, recorded as such', async () => {
    expect(activityOutcomes(refundHistory)).toEqual([
      'withdraw completed',
      'deposit failed',
      'refund completed',
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
    const error: unknown = await replay(
      './fraud-check-unguarded-workflow.ts',
    ).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(DeterminismViolationError);
    // The core's own words, kept beside the fixture: the site's history view
    // marks the event they name (`vitest -u` writes them again).
    const [nondeterminism] =
      /\[TMPRL1100\][^"]*/.exec((error as Error).message) ?? [];
    await expect(nondeterminism).toMatchFileSnapshot(
      './fixtures/transfer-history.fraud-check-unguarded.txt',
    );
  });

  it('succeeds when the new step is behind patched()', async () => {
    await expect(
      replay('./fraud-check-patched-workflow.ts'),
    ).resolves.toBeUndefined();
  });
});

it('runs the patched step in a transfer started after the change', async () => {
  const env = await timeSkippingServer();
  try {
    const checked: string[] = [];
    const worker = await testWorker({
      connection: env.nativeConnection,
      taskQueue: 'patched',
      workflowBundle: await bundle(
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
