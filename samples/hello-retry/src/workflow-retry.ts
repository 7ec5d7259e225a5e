import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { parseOptions, runMain } from './program';
import { RETRIED_WORKFLOW_ID, TASK_QUEUE } from './shared';
import { greetingWorkflowRetried } from './workflows';

const usage = `Usage: pnpm workflow-retry [--help] [--verbose]
Starts a workflow that its retry policy reruns.`;

// @@@SNIPSTART hello-retry-workflow-retry-start
async function run(): Promise<void> {
  if (!parseOptions(usage, {})) return;
  const { connectionOptions, namespace = 'default' } =
    loadClientConnectConfig();
  const connection = await Connection.connect({
    ...connectionOptions,
    connectTimeout: '5 seconds',
  });
  try {
    const client = new Client({ connection, namespace });
    const handle = await client.workflow.start(greetingWorkflowRetried, {
      taskQueue: TASK_QUEUE,
      workflowId: RETRIED_WORKFLOW_ID,
      args: ['World'],
      // A workflow has no retry policy unless its starter gives it one.
      retry: { initialInterval: '1 second', maximumAttempts: 5 },
      // Bounds all runs together, the waits between them included.
      workflowExecutionTimeout: '1 minute',
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    console.log(`Started workflow ${handle.workflowId}`);
    console.log(`First run: ${handle.firstExecutionRunId}`);
    // result() follows the chain of runs to the last one.
    console.log(`Result: ${await handle.result()}`);
    const { runId } = await handle.describe();
    console.log(`Last run: ${runId}`);
  } finally {
    await connection.close();
  }
}
// @@@SNIPEND

runMain(usage, run);
