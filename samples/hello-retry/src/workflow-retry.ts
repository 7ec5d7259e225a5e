import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { RETRIED_WORKFLOW_ID, TASK_QUEUE } from './shared';
import { greetingWorkflowRetried } from './workflows';

// @@@SNIPSTART hello-retry-workflow-retry-start
async function run(): Promise<void> {
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

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
