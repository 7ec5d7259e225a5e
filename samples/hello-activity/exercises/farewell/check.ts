// The check behind `pnpm exercise farewell`: the copy's workflow and
// activities on a real Worker, and the activities its history scheduled.
import { WorkflowFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import {
  NotYet,
  type ExerciseCheck,
} from '@temporal-tutorials/tooling/exercise';

type Activities = typeof import('./solution/activities');

const check: ExerciseCheck = async ({
  env,
  load,
  bundle,
  taskQueue,
  result: resultOf,
}) => {
  const activities = await load<Partial<Activities>>('activities.ts');
  if (typeof activities.composeFarewell !== 'function')
    throw new NotYet(
      'No composeFarewell function in activities.ts: export one next to composeGreeting.',
    );
  const queue = taskQueue();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: queue,
    workflowBundle: await bundle('workflows.ts'),
    activities,
  });
  const handle = await env.client.workflow.start('greetingWorkflow', {
    taskQueue: queue,
    workflowId: queue,
    args: ['Ada'],
  });
  const result = await worker.runUntil(
    resultOf(handle).catch((error: unknown) => {
      if (!(error instanceof WorkflowFailedError)) throw error;
      // The activity's error, when an activity failed the workflow.
      const failure: unknown = error.cause?.cause ?? error.cause ?? error;
      throw new NotYet(
        `The workflow failed: ${failure instanceof Error ? failure.message : error.message}`,
      );
    }),
  );
  const events = (await handle.fetchHistory()).events ?? [];
  const scheduled = events.flatMap(
    (event) =>
      event.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
  );
  if (scheduled.join() !== 'composeGreeting,composeFarewell')
    throw new NotYet(
      `The workflow scheduled ${scheduled.join(', ') || 'no activity'}; ` +
        'it should schedule composeGreeting, then composeFarewell.',
    );
  const expected = 'Hello, Ada! Goodbye, Ada!';
  if (result !== expected)
    throw new NotYet(
      `For "Ada", the workflow returned ${JSON.stringify(result)}, not "${expected}".`,
    );
  return `The workflow scheduled composeGreeting, then composeFarewell, and returned "${expected}".`;
};

export default check;
