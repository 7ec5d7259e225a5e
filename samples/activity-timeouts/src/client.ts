import { WorkflowFailedError } from '@temporalio/client';
import { connectClient, parseOptions, runProgram, startOrAttach } from './cli';
import { TASK_QUEUE, WORKFLOW_ID } from './shared';
import { orderWorkflow } from './workflows';

const usage = 'Usage: pnpm workflow [--help] [--verbose]';

async function run(): Promise<number> {
  if (parseOptions(process.argv.slice(2)) === 'help') {
    console.log(`${usage}\nStarts an order whose activities time out.`);
    return 0;
  }
  const client = await connectClient();
  try {
    const { handle, attached } = await startOrAttach(client, orderWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: ['teapot'],
      workflowIdConflictPolicy: 'FAIL',
    });
    if (!attached) console.log(`Started workflow ${handle.workflowId}`);
    console.log(`Result: ${await handle.result()}`);
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    // The chain: the workflow failed because an activity failed, because
    // of a timeout.
    const reasons: string[] = [];
    for (
      let cause: unknown = error.cause;
      cause instanceof Error;
      cause = cause.cause
    ) {
      reasons.push(cause.message);
    }
    console.log(`Workflow failed: ${reasons.join(' <- ')}`);
  } finally {
    await client.connection.close();
  }
  return 0;
}

runProgram(usage, run);
