/**
 * `pnpm exercise <name> [--solution]` in a sample's folder: checks the learner's copy of an
 * exercise (see exercise.ts) and prints one line. Exit code 0 when it passes, 1 when not yet.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { exerciseNames, runExercise } from './exercise';

// The Worker logs every failed attempt, which an exercise provokes on purpose: the learner gets the
// check's one line instead.
Runtime.install({
  logger: new DefaultLogger('ERROR', () => undefined),
  telemetryOptions: { logging: { filter: 'OFF', forward: {} } },
});

const args = process.argv.slice(2);
const name = args.find((arg) => !arg.startsWith('--'));
const sampleDir = process.cwd();
if (!name) {
  const known = exerciseNames(sampleDir);
  console.log(
    `Usage: pnpm exercise <name> [--solution]. ${known.length ? `Exercises here: ${known.join(', ')}.` : 'This sample has no exercises.'}`,
  );
  process.exit(1);
}
const result = await runExercise({ sampleDir, name, copy: args.includes('--solution') ? 'solution' : 'practice' });
console.log(result.line);
process.exit(result.passed ? 0 : 1);
