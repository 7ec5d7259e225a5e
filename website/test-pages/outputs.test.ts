// The output the pages show, captured from real runs (samples/*/output/), is what the samples print
// now: every recorded run again, on a dev server, compared line by line (`pnpm sample-output check`).
// With the shell blocks in `pnpm test:pages`: both are the pages replayed as a learner would.
import { captureOutputs, outputDifferences } from '@temporal-tutorials/tooling/output';
import { expect, it } from 'vitest';

it('the captured output is what the samples print now', async () => {
  expect(outputDifferences(await captureOutputs())).toEqual([]);
}, 240_000);
