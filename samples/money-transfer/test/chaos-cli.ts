// `pnpm chaos [--transfers 200] [--kills 3] [--server-restarts 1]
//   [--cancels 20] [--deposit-outages 1] [--seed N] [--deadline 900]`:
// see test/chaos.ts. Exits 1 unless every check holds.
import { parseOptions, runMain, UsageError } from '../src/program';
import { runChaos } from './chaos';

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
function chaosOptions() {
  const given = parseOptions(
    usage,
    Object.fromEntries(
      Object.entries(defaults).map(([name, value]) => [
        name,
        { type: 'string' as const, default: value },
      ]),
    ),
  );
  if (!given) return undefined;
  const values: Record<string, number> = {};
  for (const [name, text] of Object.entries(given)) {
    const value = Number(text);
    if (typeof text !== 'string' || !Number.isSafeInteger(value) || value < 0)
      throw new UsageError(
        `--${name} must be a whole number >= 0, not ${text}`,
      );
    values[name] = value;
  }
  return {
    transfers: values.transfers!,
    workerKills: values.kills!,
    serverRestarts: values['server-restarts']!,
    cancels: values.cancels!,
    depositOutages: values['deposit-outages']!,
    seed: values.seed!,
    deadlineSeconds: values.deadline!,
  };
}

async function main(): Promise<void> {
  const options = chaosOptions();
  if (!options) return;
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
  if (!healthy) process.exitCode = 1;
}

runMain(usage, main);
