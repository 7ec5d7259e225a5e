import { once } from 'node:events';
import {
  freePort,
  startSampleProcess,
} from '@temporal-tutorials/tooling/testing';
import { describe, expect, it } from 'vitest';

const sampleDir = new URL('..', import.meta.url);

describe('with no Temporal server at the configured address', () => {
  it.each(['src/worker.ts', 'src/client.ts'])(
    '%s exits with an error naming the address and the fix',
    async (file) => {
      const address = `127.0.0.1:${await freePort()}`;
      const program = startSampleProcess(sampleDir, file, {
        TEMPORAL_ADDRESS: address,
      });
      const [exitCode] = (await once(program.child, 'exit')) as [number | null];

      expect(exitCode).toBe(1);
      expect(program.lines.join('\n')).toContain(
        `No Temporal server at ${address}. Start one with \`pnpm dev-server\`.`,
      );
    },
  );
});
