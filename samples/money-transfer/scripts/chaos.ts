// `pnpm chaos [--transfers 200] [--kills 3] [--server-restarts 1]
//   [--cancels 20] [--deposit-outages 1] [--seed N] [--deadline 900]`:
// see test/chaos.ts. Exits 1 unless every check holds.
import { parseArgs } from 'node:util';
import { runChaos } from '../test/chaos';

const { values } = parseArgs({
  options: {
    transfers: { type: 'string', default: '200' },
    kills: { type: 'string', default: '3' },
    'server-restarts': { type: 'string', default: '1' },
    cancels: { type: 'string', default: '20' },
    'deposit-outages': { type: 'string', default: '1' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    deadline: { type: 'string', default: '900' },
  },
});
const options = {
  transfers: Number(values.transfers),
  workerKills: Number(values.kills),
  serverRestarts: Number(values['server-restarts']),
  cancels: Number(values.cancels),
  depositOutages: Number(values['deposit-outages']),
  seed: Number(values.seed),
  deadlineSeconds: Number(values.deadline),
};
const bad = Object.entries(options).find(
  ([, value]) => !Number.isSafeInteger(value) || value < 0,
);
if (bad) {
  console.error(`${bad[0]} must be a whole number >= 0, not ${bad[1]}`);
  process.exit(2);
}
console.log(
  `Chaos run, seed ${options.seed} (--seed ${options.seed} repeats it)`,
);
const report = await runChaos({
  ...options,
  log: (line) => console.log(`  ${line}`),
});
const conserved = report.totalAfter === report.totalBefore;
const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
console.log(`
Seed ${report.seed}: ${report.transfers} transfers in ${report.seconds.toFixed(1)} s
Outcomes: ${list(report.outcomes)}
Disruptions: ${list(report.disruptions)}
Cancelled mid-flight, then: ${list(report.cancelledOutcomes)}
Sum of all balances: ${report.totalBefore} before, ${report.totalAfter} after (${conserved ? 'conserved' : 'NOT CONSERVED'})
References whose journal disagrees: ${report.wrong.length}${report.wrong.length ? ` (${report.wrong.slice(0, 5).join('; ')})` : ''}
Workflows still running: ${report.stillRunning}`);
const healthy =
  conserved && report.wrong.length === 0 && report.stillRunning === 0;
process.exit(healthy ? 0 : 1);
