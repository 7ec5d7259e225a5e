// `pnpm chaos [--transfers 200] [--kills 3] [--server-restarts 1]`: see test/chaos.ts.
import { parseArgs } from 'node:util';
import { runChaos } from '../test/chaos';

const { values } = parseArgs({
  options: {
    transfers: { type: 'string', default: '200' },
    kills: { type: 'string', default: '3' },
    'server-restarts': { type: 'string', default: '1' },
  },
});

const report = await runChaos({
  transfers: Number(values.transfers),
  workerKills: Number(values.kills),
  serverRestarts: Number(values['server-restarts']),
  log: (line) => console.log(`  ${line}`),
});
const conserved =
  report.totalAfter === report.totalBefore && report.inconsistentAccounts === 0;
console.log(`
${report.transfers} transfers, ${report.completed} completed; Worker killed ${report.workerKills} times, server restarted ${report.serverRestarts} times; ${report.seconds.toFixed(1)} s
Sum of all balances: ${report.totalBefore} before, ${report.totalAfter} after (${conserved ? 'conserved' : 'NOT CONSERVED'})
References applied exactly once: ${report.appliedExactlyOnce} of ${report.transfers}
Workflows still running: ${report.stillRunning}`);
const healthy =
  conserved &&
  report.appliedExactlyOnce === report.transfers &&
  report.completed === report.transfers &&
  report.stillRunning === 0;
process.exit(healthy ? 0 : 1);
