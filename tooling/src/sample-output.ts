/**
 * `sample-output capture [sample ...]`: runs the samples' recorded runs and rewrites their output files.
 * `sample-output check [sample ...]`: runs them and fails, showing the differences, if any file changed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand, UsageError, wantsHelp } from './cli';
import { captureOutputs, outputDifferences, samplesWithOutput } from './output';
import { repoRoot } from './paths';

const usage = `Usage: pnpm sample-output capture|check [sample ...]
  capture   runs the samples' recorded runs and rewrites their output files
  check     runs them and fails, showing the differences, if any file changed
  samples:  ${samplesWithOutput().join(', ')} (default: all)`;

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--verbose');
  if (wantsHelp(args)) {
    console.log(usage);
    return 0;
  }
  const [command, ...samples] = args;
  if (command !== 'capture' && command !== 'check')
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const unknown = samples.filter((sample) => !samplesWithOutput().includes(sample));
  if (unknown.length > 0) throw new UsageError(`no recorded runs for ${unknown.join(', ')}`);
  const outputs = await captureOutputs(samples.length ? samples : undefined);
  if (command === 'capture') {
    for (const { file, text } of outputs) writeFileSync(path.join(repoRoot, file), text);
    console.log(`Wrote ${outputs.length} output files.`);
    return 0;
  }
  const differences = outputDifferences(outputs);
  for (const difference of differences) console.error(`${difference}\n`);
  console.log(`${outputs.length - differences.length} of ${outputs.length} output files match a new run.`);
  return differences.length ? 1 : 0;
}

runCommand(usage, main);
