// The Worker, the starter and `pnpm chaos` as a learner runs them: real
// processes, a real dev server, the lines they print and how they exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Bank } from '../src/bank';
import { devServer, startProgram } from './helpers';

// Nothing listens on port 1: a server that is not there.
const noServer = { TEMPORAL_ADDRESS: '127.0.0.1:1' };

/** The program's exit code once it has ended, or 'still running'. */
async function exitOf(program: { closed: Promise<number | null> }) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(resolve, 60_000, 'still running');
  });
  return await Promise.race([program.closed, deadline]).finally(() =>
    clearTimeout(timer),
  );
}

// Each test waits mostly for its processes: all of them run side by side.
describe.concurrent('the programs', () => {
  let env: TestWorkflowEnvironment;
  const scratch = mkdtempSync(path.join(tmpdir(), 'money-transfer-programs-'));
  const BANK_FILE = path.join(scratch, 'bank.sqlite');
  beforeAll(async () => {
    env = await devServer();
  });
  afterAll(async () => {
    await env?.teardown();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.for<[string, string[], string]>([
    ['src/worker.ts', ['--bogus'], "Unknown option '--bogus'"],
    ['src/client.ts', ['--bogus'], "Unknown option '--bogus'"],
    [
      'src/client.ts',
      ['--amount=-5'],
      'the amount must be a whole number from 1 to 1000000 (got -5)',
    ],
    [
      'src/client.ts',
      ['--amount', '1000001'],
      'the amount must be a whole number from 1 to 1000000 (got 1000001)',
    ],
    [
      'src/client.ts',
      ['--from', '43-812'],
      'the source and target are the same',
    ],
    [
      'src/client.ts',
      ['--reference', 'r'.repeat(65)],
      '--reference has at most 64 characters (got 65)',
    ],
    [
      'test/chaos-cli.ts',
      ['--kills=-1'],
      '--kills must be a whole number >= 0, not -1',
    ],
    ['src/bank-cli.ts', ['--bogus'], "Unknown option '--bogus'"],
  ])(
    'a wrong argument, %s %s: one line and the usage, exit 2, nothing started',
    async ([file, args, why], { expect }) => {
      const program = startProgram(file, args, noServer);
      // Exit 2 before connecting: with no server there, a connection would
      // have failed with exit 1.
      expect(await exitOf(program)).toBe(2);
      expect(program.lines[0]).toMatch(/^Nothing was started: /);
      expect(program.lines[0]).toContain(why);
      expect(program.lines).toContainEqual(
        expect.stringMatching(/^Usage: pnpm /),
      );
      expect(program.lines.join('\n')).not.toMatch(/^\s+at /m);
    },
  );

  // The Worker waits for its server instead (the shared edge tests show it).
  it.for(['src/client.ts'])(
    'no server at the address, %s: one line naming it, exit 1',
    async (file, { expect }) => {
      const program = startProgram(file, [], noServer);
      expect(await exitOf(program)).toBe(1);
      expect(program.lines).toEqual([
        'No Temporal server answered at 127.0.0.1:1: start one with ' +
          '`temporal server start-dev`, or set TEMPORAL_ADDRESS.',
      ]);
    },
  );

  it("pnpm bank shows the balances and one payment's journal; --reset opens the bank again", async ({
    expect,
  }) => {
    const file = path.join(scratch, 'shown.sqlite');
    const bank = new Bank(file);
    bank.withdraw('85-150', 250, 'shown-1');
    bank.deposit('43-812', 250, 'shown-1');
    bank.withdraw('85-150', 5, 'other');
    const shown = startProgram('src/bank-cli.ts', ['--reference', 'shown-1'], {
      BANK_FILE: file,
    });
    expect(await exitOf(shown)).toBe(0);
    expect(shown.lines).toEqual([
      'Balances (total 2595):',
      '  27-309     100',
      '  43-812     750',
      '  61-004       0',
      '  85-150    1745',
      'Journal of shown-1: 2 operation(s)',
      '  shown-1  withdraw 85-150 -250',
      '  shown-1  deposit  43-812 +250',
    ]);
    const reset = startProgram('src/bank-cli.ts', ['--reset'], {
      BANK_FILE: file,
    });
    expect(await exitOf(reset)).toBe(0);
    expect(reset.lines).toContain('Balances (total 2600):');
    expect(reset.lines.at(-1)).toBe('Journal: 0 operation(s)');
  });

  it('on a dev server, a transfer waits for a Worker; its reference pays once, and refuses another payment', async ({
    expect,
  }) => {
    const programEnv = { TEMPORAL_ADDRESS: env.address, BANK_FILE };
    const starter = (...args: string[]) =>
      startProgram('src/client.ts', args, programEnv);
    const first = starter('--reference', 'invoice-1');
    await first.waitForLine(/^Started workflow/);
    // The same payment again, while it waits: attached to, not paid twice.
    const again = starter('--reference', 'invoice-1');
    await again.waitForLine(/^Reference invoice-1 was already used/);
    // Another payment with that reference: refused, as a wrong argument.
    const other = starter('--reference', 'invoice-1', '--amount', '900');
    expect(await exitOf(other)).toBe(2);
    expect(other.lines[0]).toBe(
      'Nothing was started: reference invoice-1 was already used for 250 ' +
        'from "85-150" to "43-812"',
    );

    const worker = startProgram('src/worker.ts', [], programEnv);
    expect(await exitOf(first)).toBe(0);
    const [, result, webUi] = first.lines;
    expect(first.lines).toEqual([
      'Started workflow transfer-invoice-1: 250 from 85-150 to 43-812; ' +
        'waiting for a Worker on task queue "money-transfer".',
      expect.stringMatching(/^Result: Transfer complete \(withdrawal .*\)$/),
      'Web UI: http://localhost:8233/namespaces/default/workflows/transfer-invoice-1',
    ]);
    expect(await exitOf(again)).toBe(0);
    expect(again.lines.slice(1)).toEqual([result, webUi]);
    // After the transfer has ended: the same payment gets its outcome.
    const after = starter('--reference', 'invoice-1');
    expect(await exitOf(after)).toBe(0);
    expect(after.lines.slice(1)).toEqual([result, webUi]);
    // A refusal of the bank: the transfer failed, exit 1.
    const poor = starter('--reference', 'invoice-2', '--from', '27-309');
    expect(await exitOf(poor)).toBe(1);
    expect(poor.lines[1]).toBe(
      'Transfer failed: Account 27-309 has 100, not enough to withdraw 250',
    );

    expect(await worker.stop('SIGINT')).toBe(0);
    expect(worker.lines[0]).toMatch(
      /^Worker polling task queue "money-transfer" \(process \d+\)/,
    );
    const bank = new Bank(BANK_FILE);
    expect(bank.journal('invoice-1').map((entry) => entry.operation)).toEqual([
      'withdraw',
      'deposit',
    ]);
    expect(bank.journal('invoice-2')).toEqual([]);
  });
});
