/**
 * `sample-output capture [sample ...]`: runs the samples' recorded runs and rewrites their output files.
 * `sample-output check [sample ...]`: runs them and fails, showing the differences, if any file changed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureOutputs, outputDifferences } from './output';
import { repoRoot } from './paths';

async function main(): Promise<number> {
  const [command, ...samples] = process.argv.slice(2);
  if (command !== 'capture' && command !== 'check') {
    console.error('usage: sample-output capture|check [sample ...]');
    return 2;
  }
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

process.exit(await main());
