import { parseArgs } from 'node:util';
import {
  ActivityFailure,
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
} from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import {
  paymentProblems,
  TASK_QUEUE,
  transferWorkflowId,
  type PaymentDetails,
} from './shared';
import { moneyTransfer } from './workflows';

// `pnpm workflow --from 85-150 --to 43-812 --amount 250 --reference invoice-701`; each has a default.
function paymentFromArgs(): PaymentDetails {
  const { values } = parseArgs({
    options: {
      from: { type: 'string', default: '85-150' },
      to: { type: 'string', default: '43-812' },
      amount: { type: 'string', default: '250' },
      reference: {
        type: 'string',
        default: `payment-${crypto.randomUUID().slice(0, 8)}`,
      },
    },
  });
  return {
    sourceAccount: values.from,
    targetAccount: values.to,
    amount: Number(values.amount),
    referenceId: values.reference,
  };
}

// @@@SNIPSTART money-transfer-client
async function run(): Promise<number> {
  const payment = paymentFromArgs();
  const problems = paymentProblems(payment);
  if (problems.length > 0) {
    console.error(`Nothing was started: ${problems.join('; ')}.`);
    return 2;
  }
  const config = loadClientConnectConfig();
  const address = config.connectionOptions.address ?? 'localhost:7233';
  const connection = await Connection.connect(config.connectionOptions).catch(
    (error: unknown) => {
      throw new Error(
        `No Temporal server at ${address}. Start one with \`pnpm dev-server\`.`,
        { cause: error },
      );
    },
  );
  try {
    const client = new Client({
      connection,
      namespace: config.namespace ?? 'default',
    });
    const workflowId = transferWorkflowId(payment.referenceId);
    console.log(
      `Transfer ${payment.amount} from ${payment.sourceAccount} to ${payment.targetAccount}, reference ${payment.referenceId}`,
    );
    let handle;
    try {
      handle = await client.workflow.start(moneyTransfer, {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [payment],
        // A payment reference pays once: even after that transfer finished, its id stays taken.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      console.log(
        `Started workflow ${workflowId}; waiting for a Worker on task queue "${TASK_QUEUE}" (\`pnpm worker\`) to run it.`,
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      console.log(
        `Reference ${payment.referenceId} was already used by workflow ${workflowId}: no second payment; its outcome follows.`,
      );
      handle = client.workflow.getHandle<typeof moneyTransfer>(workflowId);
    }
    const webUi = `http://localhost:8233/namespaces/${client.options.namespace}/workflows/${workflowId}`;
    try {
      console.log(`Result: ${await handle.result()}`);
      return 0;
    } catch (error) {
      if (!(error instanceof WorkflowFailedError)) throw error;
      // A failed withdraw reaches the workflow as an ActivityFailure; its cause says what the bank said.
      const reason =
        error.cause instanceof ActivityFailure
          ? error.cause.cause
          : error.cause;
      console.log(`Transfer failed: ${reason?.message ?? error.message}`);
      return 1;
    } finally {
      console.log(`Web UI: ${webUi}`);
    }
  } finally {
    await connection.close();
  }
}
// @@@SNIPEND

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
