// `pnpm chaos [--transfers 200] [--kills 3] [--server-restarts 1]
//   [--cancels 20] [--deposit-outages 1] [--seed N] [--deadline 900]`:
// see test/chaos.ts. Exits 1 unless every check holds.
import { parseOptions, runProgram, UsageError } from '../src/cli';
import { runChaos } from '../test/chaos';

const usage =
  'Usage: pnpm chaos [--transfers 200] [--kills 3] [--server-restarts 1]\n' +
  '  [--cancels 20] [--deposit-outages 1] [--seed N] [--deadline 900]';

const defaults = {
  transfers: '200',
  kills: '3',
  'server-restarts': '1',
  cancels: '20',
  'deposit-outages': '1',
  seed: String(Date.now() % 1_000_000),
  deadline: '900',
};

/** Every option as a whole number >= 0, or a UsageError naming the first. */
function chaosOptions(args: string[]) {
  const given = parseOptions(args, Object.keys(defaults));
  if (given === 'help') return 'help';
  const values = { ...defaults, ...given };
  for (const [name, text] of Object.entries(values)) {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 0)
      throw new UsageError(
        `--${name} must be a whole number >= 0, not ${text}`,
      );
  }
  return {
    transfers: Number(values.transfers),
    workerKills: Number(values.kills),
    serverRestarts: Number(values['server-restarts']),
    cancels: Number(values.cancels),
    depositOutages: Number(values['deposit-outages']),
    seed: Number(values.seed),
    deadlineSeconds: Number(values.deadline),
  };
}

async function main(): Promise<number> {
  const options = chaosOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(usage);
    return 0;
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
  return healthy ? 0 : 1;
}

runProgram(usage, main);
