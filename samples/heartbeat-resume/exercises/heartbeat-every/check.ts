// The check behind `pnpm exercise heartbeat-every`: the sample's workflow with
// the copy's activity on a real Worker; attempt 1 fails at an item, and the
// check counts the items that attempt 2 processed again.
import { activityInfo } from '@temporalio/activity';
import { Worker } from '@temporalio/worker';
import {
  NotYet,
  type ExerciseCheck,
} from '@temporal-tutorials/tooling/exercise';
import { batchWorkflow } from '../../src/workflows';

type Activities = typeof import('./solution/activities');

const ITEM_COUNT = 20;

const check: ExerciseCheck = async ({ env, load, bundle, taskQueue }) => {
  const { createActivities, HEARTBEAT_EVERY } =
    await load<Activities>('activities.ts');
  if (!Number.isInteger(HEARTBEAT_EVERY) || HEARTBEAT_EVERY < 2)
    throw new NotYet(
      `HEARTBEAT_EVERY is ${HEARTBEAT_EVERY}; make it a whole number of items, 2 or more (5 to start).`,
    );
  const workflowBundle = await bundle(
    new URL('../../src/workflows.ts', import.meta.url),
  );

  /** The items attempt 2 processed that attempt 1 had already processed. */
  async function redoneAfterFailureAt(failAtItem: number): Promise<number[]> {
    const processed: { attempt: number; item: number }[] = [];
    const processItem = async (item: number) => {
      processed.push({ attempt: activityInfo().attempt, item });
    };
    const queue = taskQueue();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queue,
      workflowBundle,
      activities: createActivities({ processItem, failAtItem }),
    });
    await worker.runUntil(
      env.client.workflow.execute(batchWorkflow, {
        taskQueue: queue,
        workflowId: queue,
        args: [{ itemCount: ITEM_COUNT }],
      }),
    );
    const itemsOf = (attempt: number) =>
      processed
        .filter((entry) => entry.attempt === attempt)
        .map((entry) => entry.item);
    const done = new Set(itemsOf(1));
    return itemsOf(2).filter((item) => done.has(item));
  }

  const measured: string[] = [];
  for (const failAtItem of [7, 13]) {
    const redone = await redoneAfterFailureAt(failAtItem);
    const lastHeartbeatAfter = failAtItem - (failAtItem % HEARTBEAT_EVERY) - 1;
    const expected = failAtItem - lastHeartbeatAfter - 1;
    const resumedAt = redone[0] ?? failAtItem;
    if (redone.length === 0 && expected > 0)
      throw new NotYet(
        `After a failure at item ${failAtItem}, attempt 2 resumed at item ${failAtItem} itself: ` +
          `the activity still heartbeats after every item. Heartbeat after every ${HEARTBEAT_EVERY} items.`,
      );
    if (redone.length !== expected)
      throw new NotYet(
        `After a failure at item ${failAtItem}, attempt 2 resumed at item ${resumedAt}; heartbeating ` +
          `after every ${HEARTBEAT_EVERY} items (the last after item ${lastHeartbeatAfter}), it resumes at ${lastHeartbeatAfter + 1}.`,
      );
    measured.push(
      `a failure at item ${failAtItem} redid ${redone.length}` +
        (redone.length ? ` (items ${redone[0]}-${redone.at(-1)})` : ''),
    );
  }
  return (
    `Heartbeating every ${HEARTBEAT_EVERY} items, ${measured.join(' and ')}: ` +
    `at most ${HEARTBEAT_EVERY - 1} items are redone.`
  );
};

export default check;
