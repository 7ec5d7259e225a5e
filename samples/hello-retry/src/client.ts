import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { parseOptions, runMain, webUiLine } from './program';
import { TASK_QUEUE, WORKFLOW_ID } from './shared';
import { greetingWorkflow } from './workflows';

const usage = `Usage: pnpm workflow [--help] [--verbose]
Starts the greeting workflow and prints its result.`;

// @@@SNIPSTART hello-retry-client
async function run(): Promise<void> {
  if (!parseOptions(usage, {})) return;
  const { connectionOptions, namespace = 'default' } =
    loadClientConnectConfig();
  const connection = await Connection.connect({
    ...connectionOptions,
    // No server: fail in seconds, not the default 10.
    connectTimeout: '5 seconds',
  });
  try {
    const client = new Client({ connection, namespace });
    const handle = await client.workflow.start(greetingWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: ['World'],
      // Started again while it runs, the workflow is joined, not run twice.
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    console.log(
      `Started workflow ${handle.workflowId}; waiting for a Worker on ` +
        `task queue "${TASK_QUEUE}" to run it.`,
    );
    console.log(`Result: ${await handle.result()}`);
    console.log(webUiLine(namespace, handle.workflowId));
  } finally {
    await connection.close();
  }
}
// @@@SNIPEND

runMain(usage, run);
