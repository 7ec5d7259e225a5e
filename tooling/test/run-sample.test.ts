import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, startSampleProcess } from '../src/processes';

const runSample = fileURLToPath(new URL('../src/run-sample.ts', import.meta.url));
const helloRetry = new URL('../../samples/hello-retry/', import.meta.url);

describe("run-sample (a sample's `pnpm start`)", () => {
  it('fails, naming the address, when the address the user configured does not answer', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const run = startSampleProcess(helloRetry, runSample, { TEMPORAL_ADDRESS: address });
    const [exitCode] = (await once(run.child, 'exit')) as [number | null];

    expect(exitCode).toBe(1);
    const output = run.lines.join('\n');
    expect(output).toContain(`No Temporal server answered at ${address}`);
    expect(output).toContain('pnpm dev-server');
    // It must not fall back to starting a server of its own at another address.
    expect(output).not.toContain('starting a local dev server');
  });
});
