// The check behind `pnpm exercise refund-retries`: the copy's workflow on a
// real Worker with stand-in bank calls (the test is about the workflow's retry
// policies), and the policies the history shows each activity scheduled with.
import { activityInfo } from '@temporalio/activity';
import {
  ApplicationFailure,
  WorkflowFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import {
  NotYet,
  type ExerciseCheck,
} from '@temporal-tutorials/tooling/exercise';
import type { BankingActivities } from '../../src/activities';
import type { PaymentDetails } from '../../src/shared';

/** Refund attempts that fail before one succeeds: more than 5. */
const REFUND_FAILURES = 7;
const DEPOSIT_ATTEMPTS = 5;

const payment: PaymentDetails = {
  sourceAccount: '85-150',
  targetAccount: '43-812',
  amount: 250,
  referenceId: 'exercise-refund-retries',
};

/** Each activity's retry policy, as the history says it was scheduled. */
async function scheduledPolicies(handle: WorkflowHandle) {
  const events = (await handle.fetchHistory()).events ?? [];
  return new Map(
    events.flatMap((event) => {
      const scheduled = event.activityTaskScheduledEventAttributes;
      const name = scheduled?.activityType?.name;
      return name ? [[name, scheduled.retryPolicy ?? {}] as const] : [];
    }),
  );
}

const check: ExerciseCheck = async ({ env, bundle, taskQueue, result }) => {
  const attempts: string[] = [];
  const bank: BankingActivities = {
    withdraw: async () => 'withdrawal-1',
    deposit: async () => {
      throw new Error('The deposit service is down');
    },
    refund: async () => {
      if (activityInfo().attempt <= REFUND_FAILURES)
        throw new Error('The bank is busy');
      return 'refund-1';
    },
  };
  const observed = Object.fromEntries(
    Object.entries(bank).map(([name, call]) => [
      name,
      (input: PaymentDetails) => {
        attempts.push(name);
        return call(input);
      },
    ]),
  );
  const queue = taskQueue();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: queue,
    workflowBundle: await bundle('workflows.ts'),
    activities: observed,
  });
  const handle = await env.client.workflow.start('transferWithRefund', {
    taskQueue: queue,
    workflowId: queue,
    args: [payment],
    // Skipped time: a deposit retried without limit ends here, not never.
    workflowExecutionTimeout: '10 minutes',
  });
  const error = await worker.runUntil(
    result(handle).then(
      () => undefined,
      (failure: unknown) => failure,
    ),
  );

  const policies = await scheduledPolicies(handle);
  const depositLimit = policies.get('deposit')?.maximumAttempts ?? 0;
  if (depositLimit !== DEPOSIT_ATTEMPTS)
    throw new NotYet(
      `The deposit was scheduled with ${depositLimit > 0 ? `maximumAttempts ${depositLimit}` : 'no limit'}; ` +
        `keep its ${DEPOSIT_ATTEMPTS} attempts: only the refund changes.`,
    );
  const refund = policies.get('refund');
  if (!refund)
    throw new NotYet(
      'The deposit failed but no refund was scheduled; keep the refund in the workflow.',
    );
  const refundLimit = refund.maximumAttempts ?? 0;
  if (refundLimit > 0)
    throw new NotYet(
      `The refund was scheduled with maximumAttempts ${refundLimit}: it gave up, ` +
        'and the money is nowhere. Give refund options of its own, without maximumAttempts.',
    );
  const longestWait = Number(refund.maximumInterval?.seconds ?? 0);
  if (longestWait > 10)
    throw new NotYet(
      `The refund's retries wait up to ${longestWait} s apart; set its maximumInterval to 10 seconds.`,
    );
  const refunds = attempts.filter((name) => name === 'refund').length;
  const outcome =
    error instanceof WorkflowFailedError ? error.cause : undefined;
  const ending = outcome
    ? `${outcome.name}: ${outcome.message}`
    : 'a result, as if the deposit had succeeded';
  if (
    !(outcome instanceof ApplicationFailure) ||
    outcome.type !== 'DepositFailed'
  )
    throw new NotYet(
      `The transfer should end as DepositFailed once the refund succeeds; it ended with ${ending}.`,
    );
  return (
    `The refund is retried without limit, at most ${longestWait} s apart, and succeeded ` +
    `on attempt ${refunds}; the deposit gave up after ${DEPOSIT_ATTEMPTS} attempts.`
  );
};

export default check;
