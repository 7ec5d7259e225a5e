import { connectClient, parseOptions, runProgram, startOrAttach } from './cli';
import { RETRIED_WORKFLOW_ID, TASK_QUEUE } from './shared';
import { greetingWorkflowRetried } from './workflows';

const usage = 'Usage: pnpm workflow-retry [--help] [--verbose]';

// @@@SNIPSTART hello-retry-workflow-retry-start
async function run(): Promise<number> {
  if (parseOptions(process.argv.slice(2)) === 'help') {
    console.log(`${usage}\nStarts a workflow that its retry policy reruns.`);
    return 0;
  }
  const client = await connectClient();
  try {
    const { handle, attached } = await startOrAttach(
      client,
      greetingWorkflowRetried,
      {
        taskQueue: TASK_QUEUE,
        workflowId: RETRIED_WORKFLOW_ID,
        args: ['World'],
        // A workflow has no retry policy unless its starter gives it one.
        retry: { initialInterval: '1 second', maximumAttempts: 5 },
        // Bounds all runs together, the waits between them included.
        workflowExecutionTimeout: '1 minute',
        workflowIdConflictPolicy: 'FAIL',
      },
    );
    if (!attached) {
      console.log(`Started workflow ${handle.workflowId}`);
      console.log(`First run: ${handle.firstExecutionRunId}`);
    }
    // result() follows the chain of runs to the last one.
    console.log(`Result: ${await handle.result()}`);
    const { runId } = await handle.describe();
    console.log(`Last run: ${runId}`);
    return 0;
  } finally {
    await client.connection.close();
  }
}
// @@@SNIPEND

runProgram(usage, run);
