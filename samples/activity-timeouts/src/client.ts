import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { TASK_QUEUE, WORKFLOW_ID } from './shared';
import { orderWorkflow } from './workflows';

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
    const handle = await client.workflow.start(orderWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: ['teapot'],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    console.log(`Started workflow ${handle.workflowId}`);
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
    await connection.close();
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
