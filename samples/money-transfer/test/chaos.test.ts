import { expect, it } from 'vitest';
import { runChaos } from './chaos';

it('conserves money and applies every transfer exactly once while Workers are killed and the server restarts', async () => {
  const report = await runChaos({
    transfers: 20,
    workerKills: 2,
    serverRestarts: 1,
  });

  expect(report).toMatchObject({
    completed: 20,
    workerKills: 2,
    serverRestarts: 1,
    totalAfter: report.totalBefore,
    appliedExactlyOnce: 20,
    inconsistentAccounts: 0,
    stillRunning: 0,
  });
}, 300_000);
