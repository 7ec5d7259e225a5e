// The check behind `pnpm exercise price-budget`: the copy's workflow on a real
// Worker, with the sample's lookUpPrice and with one that never answers.
import { activityInfo, sleep } from '@temporalio/activity';
import {
  ActivityFailure,
  TimeoutFailure,
  WorkflowFailedError,
} from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import {
  NotYet,
  type ExerciseCheck,
} from '@temporal-tutorials/tooling/exercise';
import { lookUpPrice } from '../../src/activities';

// More attempts than a 5-second budget leaves room for (at 0, 2 and 4 s).
const TOO_MANY = 5;

const check: ExerciseCheck = async ({
  env,
  copy,
  bundle,
  taskQueue,
  result,
}) => {
  const workflowBundle = await bundle(new URL('workflows.ts', copy));

  /** Prices a teapot with this price service; stops at TOO_MANY attempts. */
  async function price(service: (item: string) => Promise<number>) {
    const attempts: number[] = [];
    let tooMany = () => {};
    const reached = new Promise<'too many'>((resolve) => {
      tooMany = () => resolve('too many');
    });
    const queue = taskQueue();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queue,
      workflowBundle,
      activities: {
        lookUpPrice: (item: string) => {
          attempts.push(activityInfo().attempt);
          if (attempts.length >= TOO_MANY) tooMany();
          return service(item);
        },
      },
    });
    const handle = await env.client.workflow.start('priceWorkflow', {
      taskQueue: queue,
      workflowId: queue,
      args: ['teapot'],
    });
    const outcome = await worker.runUntil(
      Promise.race([
        result<number>(handle).then(
          (cents) => ({ cents }),
          (error: unknown) => ({ error }),
        ),
        reached,
      ]),
    );
    if (outcome === 'too many') await handle.terminate('the check stops it');
    return { outcome, attempts };
  }

  const hanging = await price(async () => {
    await sleep('1 hour');
    return 0;
  });
  if (hanging.outcome === 'too many')
    throw new NotYet(
      `A price service that never answers was still being retried at ` +
        `attempt ${TOO_MANY}; give lookUpPrice a total budget of 5 seconds.`,
    );
  if ('cents' in hanging.outcome)
    throw new NotYet('The hanging price service cannot answer: check again.');
  const { error } = hanging.outcome;
  if (error instanceof NotYet) throw error;
  const cause =
    error instanceof WorkflowFailedError &&
    error.cause instanceof ActivityFailure
      ? error.cause.cause
      : undefined;
  if (
    !(cause instanceof TimeoutFailure) ||
    cause.timeoutType !== 'SCHEDULE_TO_CLOSE'
  )
    throw new NotYet(
      'The order failed, but not with a schedule-to-close timeout ' +
        `(${cause instanceof TimeoutFailure ? cause.timeoutType : String(cause ?? error)}); ` +
        'the budget for all attempts is scheduleToCloseTimeout.',
    );

  const usual = await price(lookUpPrice);
  if (usual.outcome === 'too many' || !('cents' in usual.outcome))
    throw new NotYet(
      'The usual price service must still answer on attempt 2; after ' +
        `attempts ${usual.attempts.join(', ')} the order failed. ` +
        'Is the budget long enough for two attempts?',
    );
  return (
    `A price service that never answered failed the order after ` +
    `${hanging.attempts.length} attempts with a schedule-to-close timeout, ` +
    `and the usual one answered ${usual.outcome.cents} on attempt ` +
    `${usual.attempts.at(-1)}.`
  );
};

export default check;
