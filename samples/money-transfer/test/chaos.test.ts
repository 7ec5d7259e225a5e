import { expect, it } from 'vitest';
import { runChaos } from './chaos';

it('keeps every payment in one place and the sum of balances while Workers die, the server restarts and transfers are cancelled', async () => {
  const report = await runChaos({
    transfers: 20,
    workerKills: 1,
    serverRestarts: 1,
    cancels: 2,
    depositOutages: 1,
    seed: 20261124,
    deadlineSeconds: 240,
  });

  expect(report).toMatchObject({
    disruptions: {
      'kill the Worker': 1,
      'restart the server': 1,
      'run a Worker with the deposit bug': 1,
      'cancel a transfer whose deposit is failing': 1,
    },
    totalAfter: report.totalBefore,
    wrong: [],
    stillRunning: 0,
  });
  // One was cancelled while its deposit was failing: it must be refunded.
  expect(report.cancelledOutcomes.TransferCancelled).toBeGreaterThan(0);
  // The seed plans transfers that end in every way the audit checks.
  expect(Object.keys(report.outcomes).sort()).toEqual(
    expect.arrayContaining(['DepositFailed', 'completed']),
  );
}, 300_000);
