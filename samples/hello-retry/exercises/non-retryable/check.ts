// The check behind `pnpm exercise non-retryable`: the sample's workflow, with
// the activity of the copy being checked, on a real Worker.
import { activityInfo } from '@temporalio/activity';
import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowFailedError,
} from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import {
  NotYet,
  type ExerciseCheck,
} from '@temporal-tutorials/tooling/exercise';
import type { GreetingInput } from '../../src/shared';
import { greetingWorkflow } from '../../src/workflows';

type Activities = typeof import('./solution/activities');

const check: ExerciseCheck = async ({ env, load, bundle, taskQueue }) => {
  const { composeGreeting } = await load<Activities>('activities.ts');
  const workflowBundle = await bundle(
    new URL('../../src/workflows.ts', import.meta.url),
  );

  /** Runs the workflow for one name; records each attempt of the activity. */
  async function greet(name: string) {
    const attempts: number[] = [];
    const queue = taskQueue();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queue,
      workflowBundle,
      activities: {
        composeGreeting: (input: GreetingInput) => {
          attempts.push(activityInfo().attempt);
          return composeGreeting(input);
        },
      },
    });
    const outcome = await worker.runUntil(
      env.client.workflow
        .execute(greetingWorkflow, {
          taskQueue: queue,
          workflowId: queue,
          args: [name],
        })
        .then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        ),
    );
    return { ...outcome, attempts };
  }

  for (const blank of ['', '   ']) {
    const run = await greet(blank);
    const shown = JSON.stringify(blank);
    const tries = `${run.attempts.length} attempt(s)`;
    if ('result' in run)
      throw new NotYet(
        `The name ${shown} got "${run.result}" after ${tries}; ` +
          'refuse a blank name with a non-retryable failure.',
      );
    const failure =
      run.error instanceof WorkflowFailedError &&
      run.error.cause instanceof ActivityFailure
        ? run.error.cause.cause
        : undefined;
    if (run.attempts.length > 1)
      throw new NotYet(
        `The name ${shown} was tried ${run.attempts.length} times; ` +
          'its failure must not be retried: make it non-retryable.',
      );
    if (
      !(failure instanceof ApplicationFailure) ||
      failure.type !== 'BlankName'
    )
      throw new NotYet(
        `The name ${shown} failed on attempt 1, but with ` +
          `${failure instanceof ApplicationFailure ? `type "${failure.type}"` : String(failure ?? run.error)}; ` +
          `give the failure the type "BlankName".`,
      );
  }

  const world = await greet('World');
  if (!('result' in world) || world.result !== 'Hello, World!')
    throw new NotYet(
      `"World" must still be greeted on attempt 4; after attempts ` +
        `${world.attempts.join(', ')} it ${'result' in world ? `returned "${world.result}"` : 'failed'}.`,
    );
  return (
    'A blank name failed on attempt 1 with a BlankName failure, never ' +
    `retried, and "World" was greeted on attempt ${world.attempts.at(-1)}.`
  );
};

export default check;
