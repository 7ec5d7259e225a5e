import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { TASK_QUEUE, WORKFLOW_ID } from './shared';
import { batchWorkflow } from './workflows';

// @@@SNIPSTART heartbeat-resume-client
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
    const handle = await client.workflow.start(batchWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: [{ itemCount: 20 }],
      // Running the starter again while an earlier run is still going attaches to that run.
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    console.log(
      `Started workflow ${handle.workflowId}; waiting for a Worker on task queue "${TASK_QUEUE}" (\`pnpm worker\`) to run it.`,
    );
    const attempts = await handle.result();
    console.log(
      `Result: 20 items processed in ${attempts.length} attempt(s), as recorded by heartbeats:`,
    );
    for (const { attempt, first, last } of attempts)
      console.log(`  attempt ${attempt}: items ${first} to ${last}`);
    console.log(
      `Web UI: http://localhost:8233/namespaces/${client.options.namespace}/workflows/${handle.workflowId}`,
    );
  } finally {
    await connection.close();
  }
}
// @@@SNIPEND

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
