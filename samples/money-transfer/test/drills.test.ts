// The tutorial's failure drills, done the way the page tells a learner to do them: `pnpm worker`
// in the sample's folder (with the page's env vars), Ctrl+C, `kill -9 <pid>` with the process id
// the Worker printed, and a real dev server with a database file that is stopped and started.
import { execSync } from 'node:child_process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  isRunning,
  scratchDir,
  startCommand,
  startRestartableDevServer,
  type RestartableDevServer,
  type SampleProcess,
} from '@temporal-tutorials/tooling/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Bank, seedAccounts } from '../src/bank';
import {
  TASK_QUEUE,
  transferWorkflowId,
  type PaymentDetails,
} from '../src/shared';
import { moneyTransfer } from '../src/workflows';

const sampleDir = new URL('..', import.meta.url);
const scratch = scratchDir('money-transfer-drills');

let server: RestartableDevServer;
let connection: Connection;
let client: Client;
const workers: SampleProcess[] = [];

beforeAll(async () => {
  server = await startRestartableDevServer(
    path.join(scratch, 'temporal.sqlite'),
  );
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill('SIGKILL')));
});

afterAll(async () => {
  await connection?.close();
  await server?.stop();
});

/** `pnpm worker`, or the page's variant such as `MONEY_TRANSFER_DEPOSIT_FAILS=1 pnpm worker`. */
async function startWorker(
  bank: Bank,
  command = 'pnpm worker',
): Promise<{ worker: SampleProcess; pid: number }> {
  const worker = startCommand(sampleDir, command, {
    TEMPORAL_ADDRESS: server.address,
    BANK_FILE: bank.file,
  });
  workers.push(worker);
  const ready = await worker.waitForLine(/Worker polling/);
  const pid = Number(/\(process (\d+)\)/.exec(ready)?.[1]);
  return { worker, pid };
}

async function eventually(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 90_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startTransfer(details: PaymentDetails) {
  return client.workflow.start(moneyTransfer, {
    taskQueue: TASK_QUEUE,
    workflowId: transferWorkflowId(details.referenceId),
    args: [details],
  });
}

function newTransfer(name: string): { bank: Bank; details: PaymentDetails } {
  const bank = new Bank(path.join(scratch, `${name}.sqlite`));
  const details = {
    sourceAccount: '85-150',
    targetAccount: '43-812',
    amount: 250,
    referenceId: `${name}-${Date.now()}`,
  };
  return { bank, details };
}

function expectMovedExactlyOnce(bank: Bank, details: PaymentDetails) {
  const opening = seedAccounts();
  expect(bank.balances()).toEqual({
    ...opening,
    '85-150': opening['85-150']! - 250,
    '43-812': opening['43-812']! + 250,
  });
  expect(
    bank.journal(details.referenceId).map((entry) => entry.operation),
  ).toEqual(['withdraw', 'deposit']);
}

describe('failure drills', () => {
  it('server crash: a transfer started before the server restarts completes once a Worker starts', async () => {
    const { bank, details } = newTransfer('server-crash');
    const handle = await startTransfer(details);

    await server.stop();
    await server.start();
    await startWorker(bank);

    await expect(handle.result()).resolves.toMatch(/^Transfer complete/);
    expectMovedExactlyOnce(bank, details);
  });

  it('activity bug: a failing deposit is retried until a fixed Worker completes the same execution', async () => {
    const { bank, details } = newTransfer('activity-bug');
    const { worker: buggy } = await startWorker(
      bank,
      'MONEY_TRANSFER_DEPOSIT_FAILS=1 pnpm worker',
    );
    const handle = await startTransfer(details);
    await eventually(
      async () =>
        ((await handle.describe()).raw.pendingActivities?.[0]?.attempt ?? 0) >=
        3,
      'the deposit to fail twice',
    );
    expect(
      buggy.lines.filter((line) => line.includes('The deposit service is down'))
        .length,
    ).toBeGreaterThanOrEqual(2);

    await buggy.kill('SIGINT'); // Ctrl+C in the Worker's terminal
    await startWorker(bank);

    await expect(handle.result()).resolves.toMatch(/^Transfer complete/);
    const { runId } = await handle.describe();
    expect(runId).toBe(handle.firstExecutionRunId);
    expectMovedExactlyOnce(bank, details);
  });

  it('worker crash: a Worker killed between withdraw and deposit is replaced and the transfer completes', async () => {
    const { bank, details } = newTransfer('worker-crash');
    const doomed = await startWorker(
      bank,
      'MONEY_TRANSFER_DEPOSIT_DELAY_MS=60000 pnpm worker',
    );
    const handle = await startTransfer(details);
    await doomed.worker.waitForLine(/Depositing 250 into 43-812/);
    expect(bank.journal(details.referenceId)).toMatchObject([
      { operation: 'withdraw' },
    ]);

    // The page's command, with the process id from the Worker's first line.
    execSync(`kill -9 ${doomed.pid}`);
    await eventually(() => !isRunning(doomed.pid), 'the Worker to die');
    // pnpm, left without its Worker, ends too: nothing polls the task queue.
    await eventually(
      () => doomed.worker.child.exitCode !== null,
      'pnpm worker to exit',
    );
    await startWorker(bank);

    await expect(handle.result()).resolves.toMatch(/^Transfer complete/);
    expectMovedExactlyOnce(bank, details);
  });
});
