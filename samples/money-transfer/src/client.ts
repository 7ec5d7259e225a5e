import {
  ActivityFailure,
  Client,
  Connection,
  defaultPayloadConverter,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
} from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { quote } from './payloads';
import { parseOptions, runMain, UsageError, webUiLine } from './program';
import {
  LONGEST_ID,
  TASK_QUEUE,
  transferWorkflowId,
  type PaymentDetails,
} from './shared';
import { moneyTransfer } from './workflows';

const usage = `Usage: pnpm workflow [--from ACCOUNT] [--to ACCOUNT] [--amount N]
                     [--reference ID] [--help] [--verbose]
Transfers money once per reference. A negative value is written --amount=-5.`;

// The most one transfer may move: a business rule, not the workflow's.
const MAXIMUM_TRANSFER = 1_000_000;

/** The payment the options ask for, each with a default; none after --help. */
function paymentFromOptions(): PaymentDetails | undefined {
  const values = parseOptions(usage, {
    from: { type: 'string', default: '85-150' },
    to: { type: 'string', default: '43-812' },
    amount: { type: 'string', default: '250' },
    reference: {
      type: 'string',
      default: `payment-${crypto.randomUUID().slice(0, 8)}`,
    },
  });
  if (!values) return undefined;
  const { from, to, reference } = values;
  const amount = Number(values.amount);
  // The starter's rules. The bank has its own; the workflow checks types.
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAXIMUM_TRANSFER)
    throw new UsageError(
      `the amount must be a whole number from 1 to ${MAXIMUM_TRANSFER} ` +
        `(got ${values.amount})`,
    );
  if (from === to) throw new UsageError('the source and target are the same');
  if (!reference.trim()) throw new UsageError('the reference is empty');
  for (const [option, value] of Object.entries({ from, to, reference }))
    if (value.length > LONGEST_ID)
      throw new UsageError(
        `--${option} has at most ${LONGEST_ID} characters ` +
          `(got ${value.length})`,
      );
  return {
    sourceAccount: from,
    targetAccount: to,
    amount,
    referenceId: reference,
  };
}

// @@@SNIPSTART money-transfer-start-or-attach
// Starts the payment's transfer, or attaches to the one its reference started:
// as with an idempotency key, the same payment again gets that transfer's
// outcome, and another payment with the reference is refused.
async function startTransfer(client: Client, payment: PaymentDetails) {
  const { referenceId, amount, sourceAccount, targetAccount } = payment;
  const workflowId = transferWorkflowId(referenceId);
  try {
    const handle = await client.workflow.start(moneyTransfer, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [payment],
      // A second start of a reference fails, while its transfer runs and
      // after it has ended (for the namespace's retention period).
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    console.log(
      `Started workflow ${workflowId}: ${amount} from ${sourceAccount} to ` +
        `${targetAccount}; waiting for a Worker on task queue "${TASK_QUEUE}".`,
    );
    return handle;
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  // Attached to if it was started with this payment: its first event says.
  const handle = client.workflow.getHandle<typeof moneyTransfer>(workflowId);
  const { events } = await handle.fetchHistory();
  const [input] =
    events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  const first =
    input && defaultPayloadConverter.fromPayload<PaymentDetails>(input);
  const fields = ['sourceAccount', 'targetAccount', 'amount'] as const;
  // Quoted briefly: any client may have started that workflow.
  if (!fields.every((field) => first?.[field] === payment[field]))
    throw new UsageError(
      `reference ${referenceId} was already used for ` +
        `${quote(first?.amount)} from ${quote(first?.sourceAccount)} to ` +
        quote(first?.targetAccount),
    );
  console.log(
    `Reference ${referenceId} was already used by workflow ${workflowId}: ` +
      'no second payment; its outcome follows.',
  );
  return handle;
}
// @@@SNIPEND

// @@@SNIPSTART money-transfer-client
async function run(): Promise<void> {
  const payment = paymentFromOptions();
  if (!payment) return;
  const { connectionOptions, namespace = 'default' } =
    loadClientConnectConfig();
  const connection = await Connection.connect({
    ...connectionOptions,
    // No server: fail in seconds, not the default 10.
    connectTimeout: '5 seconds',
  });
  try {
    const client = new Client({ connection, namespace });
    const handle = await startTransfer(client, payment);
    try {
      console.log(`Result: ${await handle.result()}`);
    } catch (error) {
      if (!(error instanceof WorkflowFailedError)) throw error;
      // A refused withdrawal reaches the workflow as an ActivityFailure; its
      // cause is what the bank said.
      const { cause } = error;
      const reason = cause instanceof ActivityFailure ? cause.cause : cause;
      console.log(`Transfer failed: ${reason?.message ?? error.message}`);
      process.exitCode = 1;
    }
    console.log(webUiLine(namespace, handle.workflowId));
  } finally {
    await connection.close();
  }
}
// @@@SNIPEND

runMain(usage, run);
