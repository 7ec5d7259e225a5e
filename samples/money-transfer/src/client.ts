import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import {
  paymentProblems,
  transferWorkflowId,
  type PaymentDetails,
} from './shared';
import { transferOnce } from './transfer';

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
    console.log(
      `Transfer ${payment.amount} from ${payment.sourceAccount} to ${payment.targetAccount}, reference ${payment.referenceId}`,
    );
    const webUi =
      `http://localhost:8233/namespaces/${client.options.namespace}` +
      `/workflows/${transferWorkflowId(payment.referenceId)}`;
    try {
      return (await transferOnce(client, payment)) ? 0 : 1;
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
