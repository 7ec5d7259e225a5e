import {
  ActivityFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { TASK_QUEUE, transferWorkflowId, type PaymentDetails } from './shared';
import { moneyTransfer } from './workflows';

// @@@SNIPSTART money-transfer-start-or-attach
/**
 * Starts the transfer of a payment, or attaches to the one its reference
 * already started, and prints the outcome. True when the money arrived.
 */
export async function transferOnce(
  client: Client,
  payment: PaymentDetails,
  print: (line: string) => void = console.log,
): Promise<boolean> {
  const workflowId = transferWorkflowId(payment.referenceId);
  let handle: WorkflowHandle<typeof moneyTransfer>;
  try {
    handle = await client.workflow.start(moneyTransfer, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [payment],
      // A reference pays once: its workflow id stays taken after it ends.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    print(
      `Started workflow ${workflowId}; waiting for a Worker on task queue ` +
        `"${TASK_QUEUE}" (\`pnpm worker\`) to run it.`,
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    handle = client.workflow.getHandle(workflowId);
    const earlier = await paymentOf(client, handle);
    print(
      `Reference ${payment.referenceId} was already used by workflow ` +
        `${workflowId}, for ${earlier?.amount} from ` +
        `${earlier?.sourceAccount} to ${earlier?.targetAccount}: no second ` +
        'payment; its outcome follows.',
    );
  }
  try {
    print(`Result: ${await handle.result()}`);
    return true;
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    // A refused withdrawal reaches the workflow as an ActivityFailure; its
    // cause is what the bank said.
    const reason =
      error.cause instanceof ActivityFailure ? error.cause.cause : error.cause;
    print(`Transfer failed: ${reason?.message ?? error.message}`);
    return false;
  }
}
// @@@SNIPEND

/** The payment a workflow was started with, as its history recorded it. */
async function paymentOf(
  client: Client,
  handle: WorkflowHandle,
): Promise<Partial<PaymentDetails> | undefined> {
  const { events } = await handle.fetchHistory();
  const [payload] =
    events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  const { payloadConverter } = client.options.loadedDataConverter;
  return payload && payloadConverter.fromPayload(payload);
}
