import { connectClient, runProgram, UsageError, webUiLine } from './cli';
import { paymentFromArgs, paymentProblems, transferWorkflowId } from './shared';
import { transferOnce } from './transfer';

const usage =
  'Usage: pnpm workflow [--from ACCOUNT] [--to ACCOUNT] [--amount WHOLE]\n' +
  '                     [--reference ID] [--help] [--verbose]';

// @@@SNIPSTART money-transfer-client
async function run(): Promise<number> {
  const payment = paymentFromArgs(process.argv.slice(2));
  if (payment === 'help') {
    console.log(`${usage}\nTransfers money once per reference.`);
    return 0;
  }
  const problems = paymentProblems(payment);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  const client = await connectClient();
  try {
    console.log(
      `Transfer ${payment.amount} from ${payment.sourceAccount} to ` +
        `${payment.targetAccount}, reference ${payment.referenceId}`,
    );
    const workflowId = transferWorkflowId(payment.referenceId);
    try {
      return (await transferOnce(client, payment)) ? 0 : 1;
    } finally {
      console.log(webUiLine(client.options.namespace, workflowId));
    }
  } finally {
    await client.connection.close();
  }
}
// @@@SNIPEND

runProgram(usage, run);
