// The money-transfer tutorial's failure drills, done the way its page tells a learner to do them:
// `pnpm worker` and `pnpm workflow` in samples/money-transfer (with the page's env vars and
// references), Ctrl+C, `kill -9 <pid>` with the process id the Worker printed, and a real dev
// server with a database file that is stopped and started. What the terminals show is the output
// the page embeds (samples/money-transfer/output/drill-*.txt): a run that prints something else
// fails here; `pnpm test:drills -u` captures it anew. About the page rather than the sample, so it
// lives in the repository's tooling, run by `pnpm test:drills` (vitest.drills.config.ts).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Bank } from '../../samples/money-transfer/src/bank';
import { transferWorkflowId, type PaymentDetails } from '../../samples/money-transfer/src/shared';
import { normalize } from '../src/output';
import {
  isRunning,
  scratchDir,
  startCommand,
  startRestartableDevServer,
  type RestartableDevServer,
  type SampleProcess,
} from '../src/testing';

const sampleDir = new URL('../../samples/money-transfer/', import.meta.url);
const scratch = scratchDir('money-transfer-drills');

let server: RestartableDevServer;
let connection: Connection;
let client: Client;
const workers: SampleProcess[] = [];

beforeAll(async () => {
  server = await startRestartableDevServer(path.join(scratch, 'temporal.sqlite'));
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
async function startWorker(bank: Bank, command = 'pnpm worker'): Promise<{ worker: SampleProcess; pid: number }> {
  const worker = startCommand(sampleDir, command, {
    TEMPORAL_ADDRESS: server.address,
    BANK_FILE: bank.file,
  });
  workers.push(worker);
  const ready = await worker.waitForLine(/Worker polling/);
  const pid = Number(/\(process (\d+)\)/.exec(ready)?.[1]);
  return { worker, pid };
}

async function eventually(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `pnpm workflow --reference <reference>` in the first terminal. */
function startTransfer(bank: Bank, details: PaymentDetails) {
  const starter = startCommand(sampleDir, `pnpm workflow --reference ${details.referenceId}`, {
    TEMPORAL_ADDRESS: server.address,
    BANK_FILE: bank.file,
  });
  workers.push(starter);
  return starter;
}

const repository = path.resolve(sampleDir.pathname, '../..');

/** What a terminal showed (up to now), as the page shows it. */
function expectOutput(lines: string[], name: string) {
  const text = normalize(lines.join('\n').replaceAll(repository, '<repository>').trimStart());
  return expect(text).toMatchFileSnapshot(`../../samples/money-transfer/output/${name}.txt`);
}

/** A fresh bank and the transfer the page's `pnpm workflow` makes. */
function newTransfer(reference: string) {
  const bank = new Bank(path.join(scratch, `${reference}.sqlite`));
  const details = {
    sourceAccount: '85-150',
    targetAccount: '43-812',
    amount: 250,
    referenceId: reference,
  };
  const handle = () => client.workflow.getHandle(transferWorkflowId(reference));
  return { bank, details, handle };
}

function expectMovedExactlyOnce(bank: Bank, details: PaymentDetails) {
  const opening = JSON.parse(readFileSync(new URL('src/accounts.json', sampleDir), 'utf8')) as Record<string, number>;
  expect(bank.balances()).toEqual({
    ...opening,
    '85-150': opening['85-150']! - 250,
    '43-812': opening['43-812']! + 250,
  });
  expect(bank.journal(details.referenceId).map((entry) => entry.operation)).toEqual(['withdraw', 'deposit']);
}

describe('failure drills', () => {
  it('server crash: a transfer started before the server restarts completes once a Worker starts', async () => {
    const { bank, details } = newTransfer('drill-1');
    const starter = startTransfer(bank, details);
    await starter.waitForLine(/^Started workflow/);

    await server.stop();
    await server.start();
    const { worker } = await startWorker(bank);

    expect(await starter.closed).toBe(0);
    expectMovedExactlyOnce(bank, details);
    await expectOutput(starter.lines, 'drill-1.starter');
    await expectOutput(worker.lines, 'drill-1.worker');
    // What the page's `pnpm bank --reference drill-1` shows of it.
    const shown = startCommand(sampleDir, 'pnpm bank --reference drill-1', { BANK_FILE: bank.file });
    expect(await shown.closed).toBe(0);
    await expectOutput(shown.lines, 'drill-1.bank');
  });

  it('activity bug: a failing deposit is retried until a fixed Worker completes the same execution', async () => {
    const { bank, details, handle } = newTransfer('drill-2');
    const { worker: buggy } = await startWorker(bank, 'MONEY_TRANSFER_DEPOSIT_FAILS=1 pnpm worker');
    const starter = startTransfer(bank, details);
    await eventually(
      async () =>
        ((await handle()
          .describe()
          .then(({ raw }) => raw.pendingActivities?.[0]?.attempt)
          .catch(() => 0)) ?? 0) >= 3,
      'the deposit to fail twice',
    );
    await buggy.waitForLine(/Activity failed \(attempt 2\)/);

    await buggy.kill('SIGINT'); // Ctrl+C in the Worker's terminal
    const { worker: fixed } = await startWorker(bank);

    expect(await starter.closed).toBe(0);
    // The same execution: no new run was started to finish the transfer.
    const { runId, raw } = await handle().describe();
    expect(runId).toBe(raw.workflowExecutionInfo?.firstRunId);
    expectMovedExactlyOnce(bank, details);
    await expectOutput(buggy.lines, 'drill-2.buggy-worker');
    await expectOutput(fixed.lines, 'drill-2.worker');
  });

  it('worker crash: a Worker killed between withdraw and deposit is replaced and the transfer completes', async () => {
    const { bank, details } = newTransfer('drill-3');
    const doomed = await startWorker(bank, 'MONEY_TRANSFER_DEPOSIT_DELAY_MS=60000 pnpm worker');
    const starter = startTransfer(bank, details);
    await doomed.worker.waitForLine(/Depositing 250 into 43-812/);
    expect(bank.journal(details.referenceId)).toMatchObject([{ operation: 'withdraw' }]);

    // The page's command, with the process id from the Worker's first line.
    execSync(`kill -9 ${doomed.pid}`);
    await eventually(() => !isRunning(doomed.pid), 'the Worker to die');
    // pnpm, left without its Worker, ends too: nothing polls the task queue.
    await doomed.worker.closed;
    const { worker } = await startWorker(bank);

    expect(await starter.closed).toBe(0);
    expectMovedExactlyOnce(bank, details);
    await expectOutput(doomed.worker.lines, 'drill-3.slow-worker');
    await expectOutput(worker.lines, 'drill-3.worker');
  });
});
