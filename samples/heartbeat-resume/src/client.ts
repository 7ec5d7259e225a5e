import {
  connectClient,
  parseOptions,
  runProgram,
  startOrAttach,
  webUiLine,
} from './cli';
import { TASK_QUEUE, WORKFLOW_ID } from './shared';
import { batchWorkflow } from './workflows';

const usage = 'Usage: pnpm workflow [--help] [--verbose]';

// @@@SNIPSTART heartbeat-resume-client
async function run(): Promise<number> {
  if (parseOptions(process.argv.slice(2)) === 'help') {
    console.log(
      `${usage}\nStarts a batch of 20 items and prints its attempts.`,
    );
    return 0;
  }
  const client = await connectClient();
  try {
    const { handle, attached } = await startOrAttach(client, batchWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: [{ itemCount: 20 }],
      // A run still going is attached to, not started a second time.
      workflowIdConflictPolicy: 'FAIL',
    });
    if (!attached)
      console.log(
        `Started workflow ${handle.workflowId}; waiting for a Worker on ` +
          `task queue "${TASK_QUEUE}" (\`pnpm worker\`) to run it.`,
      );
    const attempts = await handle.result();
    const items = (attempts.at(-1)?.last ?? -1) + 1;
    console.log(
      `Result: ${items} items processed in ${attempts.length} attempt(s), ` +
        'as recorded by heartbeats:',
    );
    for (const { attempt, first, last } of attempts)
      console.log(`  attempt ${attempt}: items ${first} to ${last}`);
    console.log(webUiLine(client.options.namespace, handle.workflowId));
    return 0;
  } finally {
    await client.connection.close();
  }
}
// @@@SNIPEND

runProgram(usage, run);
