import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../src/cli';
import { startSampleProcess } from '../src/processes';

const toolingDir = new URL('..', import.meta.url);
const helloRetry = fileURLToPath(new URL('../../samples/hello-retry/', import.meta.url));

const argument = fc.oneof(
  fc.constantFrom('--help', '-h', '--verbose', '--', '--reps', '-5', '--reps=-5', '--dev-server', '--dev-server=1'),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ maxLength: 8 }).map((text) => `--${text}`),
);

describe('parseOptions, shared by the tooling commands', () => {
  it('parses any argument list or refuses it with a UsageError', () => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 6 }), (args) => {
        try {
          const { values, flags } = parseOptions(args, ['reps'], ['dev-server']);
          expect(Object.keys(values).every((name) => name === 'reps')).toBe(true);
          expect([...flags].every((name) => ['verbose', 'dev-server'].includes(name))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes a negative number as a value, written either way', () => {
    expect(parseOptions(['--reps', '-5'], ['reps']).values).toEqual({ reps: '-5' });
    expect(parseOptions(['--reps=-5'], ['reps']).values).toEqual({ reps: '-5' });
    expect(() => parseOptions(['--reps', '--verbose'], ['reps'])).toThrow('--reps needs a value');
  });
});

describe('the commands, run as `pnpm <command>` runs them', () => {
  const cases: { command: string[]; env?: Record<string, string>; cwd?: string; code: number; first: RegExp }[] = [
    { command: ['bin/sample-output.js', 'bogus'], code: 2, first: /^Nothing was started: unknown command "bogus"\.$/ },
    { command: ['src/bench/index.ts', '--reps', '-1'], code: 2, first: /^Nothing was started: --reps takes a whole/ },
    {
      command: ['bin/dev-server.js'],
      env: { TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233' },
      code: 2,
      first: /^Nothing was started: TEMPORAL_ADDRESS must be a local address/,
    },
    {
      command: [fileURLToPath(new URL('../bin/run-sample.js', import.meta.url)), '--help'],
      cwd: helloRetry,
      code: 0,
      first: /^Usage: pnpm start/,
    },
  ];

  it('answer --help and a wrong argument in one line and the usage, without a stack', async () => {
    const runs = await Promise.all(
      cases.map(async ({ command, env, cwd, code, first }) => {
        const [file, ...args] = command;
        const run = startSampleProcess(cwd ?? toolingDir, file!, env, args);
        const [exitCode] = (await once(run.child, 'close')) as [number];
        return { command, exitCode, lines: run.lines, code, first };
      }),
    );
    for (const { command, exitCode, lines, code, first } of runs) {
      const why = `${command.join(' ')}:\n${lines.join('\n')}`;
      expect(exitCode, why).toBe(code);
      expect(lines[0], why).toMatch(first);
      if (code === 2) expect(lines[1], why).toMatch(/^Usage/);
      expect(lines.join('\n'), why).not.toMatch(/^\s+at /m);
    }
  });
});
