import {
  connectClient,
  parseOptions,
  runProgram,
  startOrAttach,
  webUiLine,
} from './cli';
import { TASK_QUEUE, WORKFLOW_ID } from './shared';
import { greetingWorkflow } from './workflows';

const usage = 'Usage: pnpm workflow [--help] [--verbose]';

// @@@SNIPSTART hello-activity-client
async function run(): Promise<number> {
  if (parseOptions(process.argv.slice(2)) === 'help') {
    console.log(
      `${usage}\nStarts the greeting workflow and prints its result.`,
    );
    return 0;
  }
  const client = await connectClient();
  try {
    const { handle, attached } = await startOrAttach(client, greetingWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: ['World'],
      // A run still going is attached to, not started a second time.
      workflowIdConflictPolicy: 'FAIL',
    });
    if (!attached)
      console.log(
        `Started workflow ${handle.workflowId}; waiting for a Worker on ` +
          `task queue "${TASK_QUEUE}" (\`pnpm worker\`) to run it.`,
      );
    console.log(`Result: ${await handle.result()}`);
    console.log(webUiLine(client.options.namespace, handle.workflowId));
    return 0;
  } finally {
    await client.connection.close();
  }
}
// @@@SNIPEND

runProgram(usage, run);
